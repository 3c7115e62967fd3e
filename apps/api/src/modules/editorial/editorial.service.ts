import {
  ContentParseError,
  countWords,
  markdownToBlocks,
  parseMarkdownArticle,
  prepareArticle,
  sectionText,
  uniqueAnchor,
  type ArticleDraft,
  type Block,
} from '@folio/content';
import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '../../errors/api-errors.js';
import { BadUserInputError } from '../../errors/bad-user-input.error.js';
import { isUuid } from '../../graphql/ids.js';
import { Article } from '../articles/article.entity.js';
import { ArticleStatus, ModerationState } from '../articles/article-status.js';
import {
  refreshDerivedFields,
  renumberSections,
  replaceSections,
  replaceTags,
} from '../articles/article-writer.js';
import { refreshSearchVector } from '../articles/search-vector.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Viewer } from '../auth/viewer.js';
import { ArticleLimitError, assertWithinLimits } from '../content-import/content-import.service.js';
import { Section } from '../sections/section.entity.js';
import { webhookOutbox } from '../webhooks/webhook-outbox.js';
import { ArticleRevision } from './article-revision.entity.js';
import type {
  AddSectionInput,
  CreateArticleInput,
  SectionInput,
  UpdateArticleInput,
  UpdateSectionInput,
} from './editorial.inputs.js';
import { rememberVersion } from './article-version.js';
import { diffSnapshots, type SnapshotDiff } from './revision-diff.js';
import { assertCurrentVersion } from './edit-conflict.js';
import { recordRevision } from './revision.service.js';

/**
 * Editors' writes. Each runs in one transaction that locks the article row, so concurrent
 * edits of one article queue up; each keeps a revision and writes an audit event. A write
 * given `expectedVersion` is refused with EDIT_CONFLICT when another save came first.
 */
export class EditorialService {
  constructor(private readonly dataSource: DataSource) {}

  async createArticle(actor: Viewer, input: CreateArticleInput): Promise<Article> {
    const prepared = prepareArticle(draftFromInput(input));
    withinLimits(prepared);
    return this.dataSource.transaction(async (manager) => {
      if (await manager.exists(Article, { where: { slug: prepared.slug } })) {
        throw new ConflictError(`The slug "${prepared.slug}" is already used by another article.`);
      }
      const article = await manager.save(
        manager.create(Article, {
          slug: prepared.slug,
          title: prepared.title,
          summary: prepared.summary ?? null,
          label: prepared.label ?? null,
          author: prepared.author ?? null,
          status: ArticleStatus.DRAFT,
          moderationState: ModerationState.VISIBLE,
          publishedAt: null,
          wordCount: prepared.wordCount,
          readingTimeMinutes: prepared.readingTimeMinutes,
        }),
      );
      await replaceSections(manager, article.id, prepared.sections);
      await replaceTags(manager, article.id, prepared.tags);
      await refreshSearchVector(manager, article.id);
      return this.saved(manager, article, actor, 'create');
    });
  }

  async updateArticle(
    actor: Viewer,
    id: string,
    input: UpdateArticleInput,
    expectedVersion?: number | null,
  ): Promise<Article> {
    return this.dataSource.transaction(async (manager) => {
      const article = await lockArticle(manager, id, expectedVersion);
      if (input.slug && input.slug !== article.slug) {
        if (await manager.exists(Article, { where: { slug: input.slug } })) {
          throw new ConflictError(`The slug "${input.slug}" is already used by another article.`);
        }
        article.slug = input.slug;
      }
      if (input.title) article.title = input.title;
      if (input.summary !== undefined) article.summary = input.summary || null;
      if (input.label !== undefined) article.label = input.label || null;
      if (input.author !== undefined) article.author = input.author || null;
      await manager.save(article);
      if (input.tags) await replaceTags(manager, article.id, input.tags);
      await refreshDerivedFields(manager, article);
      return this.saved(manager, article, actor, 'update', { fields: Object.keys(input) });
    });
  }

  async addSection(
    actor: Viewer,
    articleId: string,
    input: AddSectionInput,
    expectedVersion?: number | null,
  ): Promise<Article> {
    return this.dataSource.transaction(async (manager) => {
      const article = await lockArticle(manager, articleId, expectedVersion);
      const sections = await orderedSections(manager, article.id);
      const position = input.position ?? sections.length;
      if (position > sections.length) {
        throw new BadUserInputError(
          `"position" must be between 0 and ${sections.length}.`,
          'position',
        );
      }
      const blocks = markdownToBlocks(input.markdown);
      const text = sectionText(input.heading, blocks);
      const created = await manager.save(
        manager.create(Section, {
          articleId: article.id,
          position: sections.length,
          heading: input.heading ?? null,
          anchor: uniqueAnchor(input.heading, new Set(sections.map((s) => s.anchor))),
          blocks,
          text,
          wordCount: countWords(text),
        }),
      );
      const order = sections.map((s) => s.id);
      order.splice(position, 0, created.id);
      await renumberSections(manager, order);
      await refreshDerivedFields(manager, article);
      return this.saved(manager, article, actor, 'section.add', {
        sectionId: created.id,
        position,
      });
    });
  }

  async updateSection(
    actor: Viewer,
    sectionId: string,
    input: UpdateSectionInput,
    expectedVersion?: number | null,
  ): Promise<Article> {
    return this.dataSource.transaction(async (manager) => {
      const { article, section, sections } = await lockSection(manager, sectionId, expectedVersion);
      if (input.heading !== undefined && input.heading !== section.heading) {
        const others = new Set(sections.filter((s) => s.id !== section.id).map((s) => s.anchor));
        section.heading = input.heading ?? null;
        section.anchor = uniqueAnchor(section.heading, others);
      }
      if (input.markdown !== undefined && input.markdown !== null)
        section.blocks = markdownToBlocks(input.markdown);
      section.text = sectionText(section.heading, section.blocks as Block[]);
      section.wordCount = countWords(section.text);
      await manager.save(section);
      await refreshDerivedFields(manager, article);
      return this.saved(manager, article, actor, 'section.update', { sectionId });
    });
  }

  async moveSection(
    actor: Viewer,
    sectionId: string,
    position: number,
    expectedVersion?: number | null,
  ): Promise<Article> {
    return this.dataSource.transaction(async (manager) => {
      const { article, sections } = await lockSection(manager, sectionId, expectedVersion);
      if (!Number.isInteger(position) || position < 0 || position >= sections.length) {
        throw new BadUserInputError(
          `"position" must be between 0 and ${sections.length - 1}.`,
          'position',
        );
      }
      const order = sections.map((s) => s.id).filter((id) => id !== sectionId);
      order.splice(position, 0, sectionId);
      await renumberSections(manager, order);
      return this.saved(manager, article, actor, 'section.move', { sectionId, position });
    });
  }

  async removeSection(
    actor: Viewer,
    sectionId: string,
    expectedVersion?: number | null,
  ): Promise<Article> {
    return this.dataSource.transaction(async (manager) => {
      const { article, sections } = await lockSection(manager, sectionId, expectedVersion);
      await manager.delete(Section, { id: sectionId });
      await renumberSections(
        manager,
        sections.map((s) => s.id).filter((id) => id !== sectionId),
      );
      await refreshDerivedFields(manager, article);
      return this.saved(manager, article, actor, 'section.remove', { sectionId });
    });
  }

  /** Now, or at a future time: scheduled articles appear when it comes, with no job to run. */
  async publishArticle(
    actor: Viewer,
    id: string,
    at?: Date | null,
    expectedVersion?: number | null,
  ): Promise<Article> {
    return this.dataSource.transaction(async (manager) => {
      const article = await lockArticle(manager, id, expectedVersion);
      const now = new Date();
      const scheduled = !!at && at.getTime() > now.getTime();
      // Republishing keeps the original date; a past schedule or none means now.
      const earlier =
        article.publishedAt && article.publishedAt <= now ? article.publishedAt : null;
      article.status = scheduled ? ArticleStatus.SCHEDULED : ArticleStatus.PUBLISHED;
      article.publishedAt = at ?? earlier ?? now;
      await manager.save(article);
      return this.saved(manager, article, actor, scheduled ? 'schedule' : 'publish', {
        publishedAt: article.publishedAt.toISOString(),
      });
    });
  }

  async setStatus(
    actor: Viewer,
    id: string,
    status: ArticleStatus.DRAFT | ArticleStatus.ARCHIVED,
    expectedVersion?: number | null,
  ): Promise<Article> {
    return this.dataSource.transaction(async (manager) => {
      const article = await lockArticle(manager, id, expectedVersion);
      article.status = status;
      await manager.save(article);
      return this.saved(
        manager,
        article,
        actor,
        status === ArticleStatus.DRAFT ? 'unpublish' : 'archive',
      );
    });
  }

  async listRevisions(articleId: string): Promise<ArticleRevision[]> {
    if (!isUuid(articleId)) throw new NotFoundError(`Article ${articleId}`);
    return this.dataSource.getRepository(ArticleRevision).find({
      where: { articleId },
      order: { number: 'DESC' },
      take: 200,
    });
  }

  async findRevision(id: string): Promise<ArticleRevision | null> {
    if (!isUuid(id)) return null;
    return this.dataSource.getRepository(ArticleRevision).findOne({ where: { id } });
  }

  /** Two revisions of one article by number (`to` omitted: the latest) and what changed. */
  async revisionDiff(
    articleId: string,
    from: number,
    to: number | null | undefined,
  ): Promise<{ from: ArticleRevision; to: ArticleRevision; diff: SnapshotDiff }> {
    if (!isUuid(articleId)) throw new NotFoundError(`Article ${articleId}`);
    const repository = this.dataSource.getRepository(ArticleRevision);
    const find = (number: number) => repository.findOne({ where: { articleId, number } });
    const latest = async () =>
      repository.findOne({ where: { articleId }, order: { number: 'DESC' } });
    const [before, after] = await Promise.all([find(from), to == null ? latest() : find(to)]);
    if (!before) throw new NotFoundError(`Revision ${from} of article ${articleId}`);
    if (!after) throw new NotFoundError(`Revision ${to ?? 'latest'} of article ${articleId}`);
    return { from: before, to: after, diff: diffSnapshots(before.snapshot, after.snapshot) };
  }

  /** Brings back a revision's content (not its slug or publication state) as a new revision. */
  async restoreRevision(
    actor: Viewer,
    revisionId: string,
    expectedVersion?: number | null,
  ): Promise<Article> {
    const revision = await this.findRevision(revisionId);
    if (!revision) throw new NotFoundError(`Revision ${revisionId}`);
    return this.dataSource.transaction(async (manager) => {
      const article = await lockArticle(manager, revision.articleId, expectedVersion);
      const { snapshot } = revision;
      Object.assign(article, {
        title: snapshot.title,
        summary: snapshot.summary,
        label: snapshot.label,
        author: snapshot.author,
      });
      await manager.save(article);
      await replaceSections(
        manager,
        article.id,
        snapshot.sections.map((section, position) => {
          const text = sectionText(section.heading, section.blocks);
          return { ...section, position, text, wordCount: countWords(text) };
        }),
      );
      await replaceTags(manager, article.id, snapshot.tags);
      await refreshDerivedFields(manager, article);
      return this.saved(manager, article, actor, 'restore', { revision: revision.number });
    });
  }

  private async saved(
    manager: EntityManager,
    article: Article,
    actor: Viewer,
    action: string,
    details: Record<string, unknown> = {},
  ): Promise<Article> {
    const revision = await recordRevision(manager, article, actor, action);
    rememberVersion(article, revision.number);
    await webhookOutbox.articleSaved(manager, article.id, action);
    await recordAudit(
      manager,
      actor,
      `article.${action}`,
      { type: 'article', id: article.id },
      {
        ...details,
        revision: revision.number,
      },
    );
    return article;
  }
}

function withinLimits(prepared: Parameters<typeof assertWithinLimits>[0]): void {
  try {
    assertWithinLimits(prepared);
  } catch (error) {
    if (error instanceof ArticleLimitError) throw new BadUserInputError(error.message);
    throw error;
  }
}

function draftFromInput(input: CreateArticleInput): ArticleDraft {
  if (input.markdown && (input.title || input.sections)) {
    throw new BadUserInputError('Give either "markdown" or "title" with "sections", not both.');
  }
  if (input.markdown) {
    let draft: ArticleDraft;
    try {
      draft = parseMarkdownArticle(input.markdown);
    } catch (error) {
      if (error instanceof ContentParseError)
        throw new BadUserInputError(`markdown: ${error.message}`, 'markdown');
      throw error;
    }
    return {
      ...draft,
      slug: input.slug ?? draft.slug,
      summary: input.summary ?? draft.summary,
      label: input.label ?? draft.label,
      author: input.author ?? draft.author,
      tags: input.tags ?? draft.tags,
    };
  }
  if (!input.title)
    throw new BadUserInputError(
      'Give "markdown", or a "title" (with optional "sections").',
      'title',
    );
  return {
    title: input.title,
    slug: input.slug ?? undefined,
    summary: input.summary ?? undefined,
    label: input.label ?? undefined,
    author: input.author ?? undefined,
    tags: input.tags ?? [],
    sections: (input.sections ?? []).map((section: SectionInput) => ({
      heading: section.heading ?? null,
      blocks: markdownToBlocks(section.markdown),
    })),
  };
}

async function lockArticle(
  manager: EntityManager,
  id: string,
  expectedVersion?: number | null,
): Promise<Article> {
  const article = isUuid(id)
    ? await manager.findOne(Article, { where: { id }, lock: { mode: 'pessimistic_write' } })
    : null;
  if (!article) throw new NotFoundError(`Article ${id}`);
  // Under the lock: no other save can slip in between this check and ours.
  await assertCurrentVersion(manager, article.id, expectedVersion);
  return article;
}

function orderedSections(manager: EntityManager, articleId: string): Promise<Section[]> {
  return manager.find(Section, { where: { articleId }, order: { position: 'ASC' } });
}

async function lockSection(
  manager: EntityManager,
  sectionId: string,
  expectedVersion?: number | null,
) {
  const found = isUuid(sectionId)
    ? await manager.findOne(Section, { where: { id: sectionId } })
    : null;
  if (!found) throw new NotFoundError(`Section ${sectionId}`);
  const article = await lockArticle(manager, found.articleId, expectedVersion);
  const sections = await orderedSections(manager, article.id);
  const section = sections.find((s) => s.id === sectionId);
  if (!section) throw new NotFoundError(`Section ${sectionId}`);
  return { article, section, sections };
}
