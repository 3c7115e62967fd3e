import { createHash } from 'node:crypto';
import type { PreparedArticle } from '@folio/content';
import { ARTICLE_SLUG_MAX_LENGTH } from '@folio/contract';
import type { DataSource, EntityManager } from 'typeorm';
import { Article } from '../articles/article.entity.js';
import { ArticleStatus, ModerationState } from '../articles/article-status.js';
import { replaceSections, replaceTags } from '../articles/article-writer.js';
import { refreshSearchVector } from '../articles/search-vector.js';
import { recordRevision } from '../editorial/revision.service.js';
import { announcedForItsDate, markAnnounced } from '../webhooks/due-publications.js';
import { webhookOutbox } from '../webhooks/webhook-outbox.js';

/** `unchanged`: the source is the same as at the last import, so nothing was written. */
export type ImportOutcome = 'created' | 'updated' | 'unchanged';

export interface ImportOptions {
  /** Publish (at the front matter's date, the earlier publication, or now); else keep or make a draft. */
  publish: boolean;
}

/** One article to store, as an importer found it. */
export interface ImportRequest {
  article: PreparedArticle;
  /**
   * The status the source gives it (`published` at its date, or the earlier publication, or
   * now; `scheduled` at its date; `draft`). Undefined keeps an existing article's status and
   * makes a new one a draft.
   */
  status?: 'published' | 'scheduled' | 'draft';
  /** The source system's identity for it; without one the article is matched by slug. */
  sourceKey?: string;
}

/** What a dry run would have stored so far: slugs taken and source keys seen. */
export interface DryRunPlan {
  slugs: Set<string>;
  keys: Map<string, string>;
}

export interface ImportResult {
  outcome: ImportOutcome;
  /** The slug it is (or would be) stored under: an existing article keeps its own. */
  slug: string;
  warnings: string[];
}

export const ARTICLE_LIMITS = {
  title: 500,
  slug: ARTICLE_SLUG_MAX_LENGTH,
  summary: 2000,
  label: 80,
  author: 200,
  tag: 64,
  tags: 20,
  sections: 200,
} as const;

export interface ImportServiceOptions {
  /**
   * Announce articles the import makes visible with `article.published` webhooks. Off by
   * default: an archive brought in is not news. Changes to articles readers already see
   * (`article.updated`, `article.unpublished`) are announced either way, so receivers that
   * mirror the site stay right.
   */
  announcePublications?: boolean;
}

/**
 * Creates or replaces an article with its sections and tags, in one transaction: matched by
 * the source's key when it has one, else by slug. A re-import of an unchanged source writes
 * nothing; `dryRun` decides the outcome the same way and writes nothing either.
 */
export class ContentImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly options: ImportServiceOptions = {},
  ) {}

  /** The Markdown and text importers' entry point (and the test factories'). */
  async importArticle(
    prepared: PreparedArticle,
    { publish }: ImportOptions,
  ): Promise<ImportOutcome> {
    const result = await this.importItem({
      article: prepared,
      status: publish ? 'published' : undefined,
    });
    return result.outcome;
  }

  async importItem(
    request: ImportRequest,
    { dryRun = false, plan }: { dryRun?: boolean; plan?: DryRunPlan } = {},
  ): Promise<ImportResult> {
    const { article: prepared, sourceKey } = request;
    assertWithinLimits(prepared);
    const status =
      request.status === 'scheduled' && !prepared.publishedAt ? 'draft' : request.status;
    const hash = fingerprint(prepared, status);
    return this.dataSource.transaction(async (manager) => {
      const articles = manager.getRepository(Article);
      const existing = await findExisting(manager, sourceKey, prepared.slug);
      if (existing && existing.sourceHash === hash) {
        return { outcome: 'unchanged', slug: existing.slug, warnings: [] };
      }
      // A dry run stores nothing, so it remembers what earlier items of the run would have.
      const planned = sourceKey !== undefined ? plan?.keys.get(sourceKey) : undefined;
      if (
        !existing &&
        dryRun &&
        (planned || (sourceKey === undefined && plan?.slugs.has(prepared.slug)))
      ) {
        return { outcome: 'updated', slug: planned ?? prepared.slug, warnings: [] };
      }
      const warnings: string[] = [];
      const slug = existing?.slug ?? (await freeSlug(manager, prepared.slug, plan?.slugs));
      if (slug !== prepared.slug) {
        warnings.push(`slug "${prepared.slug}" is taken by another article; stored as "${slug}"`);
      }
      const outcome = existing ? 'updated' : 'created';
      if (dryRun) {
        plan?.slugs.add(slug);
        if (sourceKey !== undefined) plan?.keys.set(sourceKey, slug);
        return { outcome, slug, warnings };
      }

      const now = new Date();
      const wasLive = !!existing && (await announcedAsLive(manager, existing, now));
      const article =
        existing ??
        articles.create({
          slug,
          moderationState: ModerationState.VISIBLE,
          status: ArticleStatus.DRAFT,
          publishedAt: null,
        });
      Object.assign(article, {
        title: prepared.title,
        summary: prepared.summary ?? null,
        label: prepared.label ?? null,
        author: prepared.author ?? null,
        wordCount: prepared.wordCount,
        readingTimeMinutes: prepared.readingTimeMinutes,
        sourceKey: sourceKey ?? existing?.sourceKey ?? null,
        sourceHash: hash,
      });
      if (status === 'published') {
        article.status = ArticleStatus.PUBLISHED;
        // `now`, not a later clock reading: readersSee(article, now) below must count an
        // article published by this import as live, or a publication landing a millisecond
        // later than `now` went unannounced (seen as a flaky webhook test under load).
        article.publishedAt = prepared.publishedAt ?? existing?.publishedAt ?? now;
      } else if (status === 'scheduled') {
        article.status = ArticleStatus.SCHEDULED;
        article.publishedAt = prepared.publishedAt!;
      } else if (status === 'draft') {
        article.status = ArticleStatus.DRAFT;
        article.publishedAt = null;
      }
      await articles.save(article);
      await replaceSections(manager, article.id, prepared.sections);
      await replaceTags(manager, article.id, prepared.tags);
      await refreshSearchVector(manager, article.id);
      await recordRevision(manager, article, null, 'import');
      await this.announce(manager, article, wasLive, readersSee(article, now));
      return { outcome, slug, warnings };
    });
  }

  private async announce(
    manager: EntityManager,
    article: Article,
    wasLive: boolean,
    isLive: boolean,
  ): Promise<void> {
    const published = isLive && !wasLive;
    // Unannounced, a due scheduled article is left to the webhook worker's round.
    if (published && !this.options.announcePublications) return;
    if (published && article.status === ArticleStatus.SCHEDULED) {
      await markAnnounced(manager, article.id); // so no worker round announces it again
    }
    await webhookOutbox.articleImported(manager, article.id, { wasLive, isLive });
  }
}

/**
 * Whether readers see the article at `now`: published, or scheduled and due (a scheduled one
 * that fell due is announced by the webhook worker's round, see due-publications.ts), and not
 * withheld by moderation.
 */
function readersSee(article: Article, now: Date): boolean {
  return (
    (article.status === ArticleStatus.PUBLISHED || article.status === ArticleStatus.SCHEDULED) &&
    article.publishedAt !== null &&
    article.publishedAt.getTime() <= now.getTime() &&
    article.moderationState === ModerationState.VISIBLE
  );
}

/** Readers see it, and receivers were told: a due scheduled article only once announced. */
async function announcedAsLive(manager: EntityManager, article: Article, now: Date) {
  if (!readersSee(article, now)) return false;
  return article.status !== ArticleStatus.SCHEDULED || announcedForItsDate(manager, article.id);
}

async function findExisting(
  manager: EntityManager,
  sourceKey: string | undefined,
  slug: string,
): Promise<Article | null> {
  const query = manager
    .getRepository(Article)
    .createQueryBuilder('article')
    .addSelect(['article.sourceKey', 'article.sourceHash']);
  return sourceKey === undefined
    ? query.where('article.slug = :slug', { slug }).getOne()
    : query.where('article.sourceKey = :sourceKey', { sourceKey }).getOne();
}

/** The slug, or the first of slug-2, slug-3… that no article has. */
async function freeSlug(
  manager: EntityManager,
  slug: string,
  reserved: ReadonlySet<string> = new Set(),
): Promise<string> {
  const rows: Array<{ slug: string }> = await manager.query(
    `SELECT slug FROM articles WHERE slug = $1 OR slug LIKE $2`,
    [slug, `${slug.replace(/[\\%_]/g, '\\$&')}-%`],
  );
  const stored = new Set(rows.map((row) => row.slug));
  const taken = (candidate: string) => stored.has(candidate) || reserved.has(candidate);
  if (!taken(slug)) return slug;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${slug.slice(0, ARTICLE_LIMITS.slug - suffix.length)}${suffix}`;
    if (!taken(candidate)) return candidate;
  }
}

/** Everything an import writes, hashed: equal fingerprints mean an import would change nothing. */
function fingerprint(prepared: PreparedArticle, status: ImportRequest['status']): string {
  const content = {
    title: prepared.title,
    slug: prepared.slug,
    summary: prepared.summary ?? null,
    label: prepared.label ?? null,
    author: prepared.author ?? null,
    tags: [...prepared.tags].sort(),
    publishedAt: prepared.publishedAt?.toISOString() ?? null,
    status: status ?? null,
    sections: prepared.sections.map(({ heading, blocks }) => ({ heading, blocks })),
  };
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

export class ArticleLimitError extends Error {
  override name = 'ArticleLimitError';
}

/** Bounds on stored fields; the message names the field and the limit. */
export function assertWithinLimits(article: {
  title: string;
  slug?: string;
  summary?: string | null;
  label?: string | null;
  author?: string | null;
  tags: readonly string[];
  sections: readonly unknown[];
}): void {
  const tooLong = (what: string, value: string | null | undefined, max: number) => {
    if (value !== undefined && value !== null && value.length > max) {
      throw new ArticleLimitError(
        `${what} is ${value.length} characters; at most ${max} are allowed`,
      );
    }
  };
  tooLong('title', article.title, ARTICLE_LIMITS.title);
  tooLong('slug', article.slug, ARTICLE_LIMITS.slug);
  tooLong('summary', article.summary, ARTICLE_LIMITS.summary);
  tooLong('label', article.label, ARTICLE_LIMITS.label);
  tooLong('author', article.author, ARTICLE_LIMITS.author);
  for (const tag of article.tags) tooLong(`tag "${tag.slice(0, 20)}"`, tag, ARTICLE_LIMITS.tag);
  if (article.tags.length > ARTICLE_LIMITS.tags) {
    throw new ArticleLimitError(
      `${article.tags.length} tags; at most ${ARTICLE_LIMITS.tags} are allowed`,
    );
  }
  if (article.sections.length > ARTICLE_LIMITS.sections) {
    throw new ArticleLimitError(
      `${article.sections.length} sections; at most ${ARTICLE_LIMITS.sections} are allowed`,
    );
  }
}
