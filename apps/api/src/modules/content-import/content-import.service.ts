import type { PreparedArticle } from '@folio/content';
import { ARTICLE_SLUG_MAX_LENGTH } from '@folio/contract';
import type { DataSource } from 'typeorm';
import { Article } from '../articles/article.entity.js';
import { ArticleStatus, ModerationState } from '../articles/article-status.js';
import { replaceSections, replaceTags } from '../articles/article-writer.js';
import { refreshSearchVector } from '../articles/search-vector.js';
import { recordRevision } from '../editorial/revision.service.js';

export type ImportOutcome = 'created' | 'updated';

export interface ImportOptions {
  /** Publish (at the front matter's date, the earlier publication, or now); else keep or make a draft. */
  publish: boolean;
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

/** Creates or replaces an article, keyed by slug, with its sections and tags, in one transaction. */
export class ContentImportService {
  constructor(private readonly dataSource: DataSource) {}

  async importArticle(
    prepared: PreparedArticle,
    { publish }: ImportOptions,
  ): Promise<ImportOutcome> {
    assertWithinLimits(prepared);
    return this.dataSource.transaction(async (manager) => {
      const articles = manager.getRepository(Article);
      const existing = await articles.findOne({ where: { slug: prepared.slug } });
      const article =
        existing ??
        articles.create({
          slug: prepared.slug,
          moderationState: ModerationState.VISIBLE,
          status: ArticleStatus.DRAFT,
        });
      Object.assign(article, {
        title: prepared.title,
        summary: prepared.summary ?? null,
        label: prepared.label ?? null,
        author: prepared.author ?? null,
        wordCount: prepared.wordCount,
        readingTimeMinutes: prepared.readingTimeMinutes,
      });
      if (publish) {
        article.status = ArticleStatus.PUBLISHED;
        article.publishedAt = prepared.publishedAt ?? existing?.publishedAt ?? new Date();
      }
      await articles.save(article);
      await replaceSections(manager, article.id, prepared.sections);
      await replaceTags(manager, article.id, prepared.tags);
      await refreshSearchVector(manager, article.id);
      await recordRevision(manager, article, null, 'import');
      return existing ? 'updated' : 'created';
    });
  }
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
