import type { PreparedArticle } from '@folio/content';
import type { DataSource } from 'typeorm';
import { Article } from '../articles/article.entity.js';
import { ArticleStatus, ModerationState } from '../articles/article-status.js';
import { refreshSearchVector } from '../articles/search-vector.js';
import { Section } from '../sections/section.entity.js';

export type ImportOutcome = 'created' | 'updated';

export interface ImportOptions {
  /** Publish (at the front matter's date, the earlier publication, or now); else keep or make a draft. */
  publish: boolean;
}

const LIMITS = { title: 500, slug: 200, label: 80, author: 200, tag: 64, sections: 200 } as const;

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

      await manager.delete(Section, { articleId: article.id });
      if (prepared.sections.length > 0) {
        await manager.insert(
          Section,
          prepared.sections.map((section) => ({ ...section, articleId: article.id })),
        );
      }
      await manager.query(
        `INSERT INTO tags (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING`,
        [prepared.tags],
      );
      await manager.query(`DELETE FROM article_tags WHERE article_id = $1`, [article.id]);
      await manager.query(
        `INSERT INTO article_tags (article_id, tag_id) SELECT $1, id FROM tags WHERE name = ANY($2::text[])`,
        [article.id, prepared.tags],
      );
      await refreshSearchVector(manager, article.id);
      return existing ? 'updated' : 'created';
    });
  }
}

export class ImportLimitError extends Error {
  override name = 'ImportLimitError';
}

function assertWithinLimits(article: PreparedArticle): void {
  const tooLong = (what: string, value: string | undefined, max: number) => {
    if (value !== undefined && value.length > max) {
      throw new ImportLimitError(
        `${what} is ${value.length} characters; at most ${max} are allowed`,
      );
    }
  };
  tooLong('title', article.title, LIMITS.title);
  tooLong('slug', article.slug, LIMITS.slug);
  tooLong('label', article.label, LIMITS.label);
  tooLong('author', article.author, LIMITS.author);
  for (const tag of article.tags) tooLong(`tag "${tag.slice(0, 20)}…"`, tag, LIMITS.tag);
  if (article.sections.length > LIMITS.sections) {
    throw new ImportLimitError(
      `${article.sections.length} sections; at most ${LIMITS.sections} are allowed`,
    );
  }
}
