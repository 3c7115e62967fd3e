import type { EntityManager } from 'typeorm';
import type { Article } from '../articles/article.entity.js';
import type { Viewer } from '../auth/viewer.js';
import { Section } from '../sections/section.entity.js';
import { ArticleRevision, type ArticleSnapshot } from './article-revision.entity.js';

/**
 * Keeps a snapshot of the article as stored now, numbered 1, 2, 3… per article. The latest
 * number is the article's `version`, which editors' saves are checked against.
 */
export async function recordRevision(
  manager: EntityManager,
  article: Article,
  actor: Viewer | null,
  reason: string,
): Promise<ArticleRevision> {
  // One connection (the transaction's): statements go one after another.
  const sections = await manager.find(Section, {
    where: { articleId: article.id },
    order: { position: 'ASC' },
  });
  const tagRows: Array<{ name: string }> = await manager.query(
    `SELECT t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = $1 ORDER BY t.name`,
    [article.id],
  );
  const [numbering]: Array<{ next: number }> = await manager.query(
    `SELECT coalesce(max(number), 0) + 1 AS next FROM article_revisions WHERE article_id = $1`,
    [article.id],
  );
  const snapshot: ArticleSnapshot = {
    slug: article.slug,
    title: article.title,
    summary: article.summary,
    label: article.label,
    author: article.author,
    tags: tagRows.map((row) => row.name),
    status: article.status,
    publishedAt: article.publishedAt?.toISOString() ?? null,
    sections: sections.map(({ id, heading, anchor, blocks }) => ({ id, heading, anchor, blocks })),
  };
  return manager.save(
    manager.create(ArticleRevision, {
      articleId: article.id,
      number: Number(numbering?.next ?? 1),
      reason,
      snapshot,
      createdBy: actor?.tokenId ?? null,
      createdByUserId: actor?.userId ?? null,
      createdByName: actor?.name ?? null,
    }),
  );
}

/** The article's version: its latest revision's number, 0 before the first. */
export async function currentVersion(manager: EntityManager, articleId: string): Promise<number> {
  const [row]: Array<{ version: number }> = await manager.query(
    `SELECT coalesce(max(number), 0)::int AS version FROM article_revisions WHERE article_id = $1`,
    [articleId],
  );
  return row?.version ?? 0;
}
