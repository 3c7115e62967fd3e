import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { Article } from '../articles/article.entity.js';

// An article's `version` is its latest revision's number. A mutation knows the number it just
// wrote and remembers it on the article it returns, so the answer shows exactly that version
// even if another save lands a moment later; other reads batch one query per request.

const written = new WeakMap<Article, number>();

export function rememberVersion(article: Article, version: number): void {
  written.set(article, version);
}

export function writtenVersion(article: Article): number | undefined {
  return written.get(article);
}

export function createVersionLoader(dataSource: DataSource): DataLoader<string, number> {
  return new DataLoader(async (articleIds) => {
    const rows: Array<{ article_id: string; version: number }> = await dataSource.query(
      `SELECT article_id, max(number)::int AS version FROM article_revisions
        WHERE article_id = ANY($1::uuid[]) GROUP BY article_id`,
      [articleIds],
    );
    const versions = new Map(rows.map((row) => [row.article_id, row.version]));
    return articleIds.map((id) => versions.get(id) ?? 0);
  });
}
