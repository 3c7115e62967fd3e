import {
  countWords,
  normalizeTags,
  readingTimeMinutes,
  type PreparedSection,
} from '@folio/content';
import type { EntityManager } from 'typeorm';
import { Section } from '../sections/section.entity.js';
import { Article } from './article.entity.js';
import { refreshSearchVector } from './search-vector.js';

// The one place that writes an article's derived data (sections, tags, counts, search vector),
// used by the importer, the editorial mutations and revision restores, inside their transaction.

export async function replaceSections(
  manager: EntityManager,
  articleId: string,
  sections: readonly PreparedSection[],
): Promise<void> {
  await manager.delete(Section, { articleId });
  if (sections.length > 0) {
    await manager.insert(
      Section,
      sections.map((section) => ({ ...section, articleId })),
    );
  }
}

export async function replaceTags(
  manager: EntityManager,
  articleId: string,
  tags: readonly string[],
): Promise<string[]> {
  const names = normalizeTags(tags);
  await manager.query(
    `INSERT INTO tags (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING`,
    [names],
  );
  // Only the tag rows that change, in one statement: the triggers that copy the names onto
  // the article (migration 1764960000000) then write it once, and not at all if nothing changed.
  await manager.query(
    `WITH wanted AS (SELECT id FROM tags WHERE name = ANY($2::text[])),
          dropped AS (DELETE FROM article_tags
                       WHERE article_id = $1 AND tag_id NOT IN (SELECT id FROM wanted))
     INSERT INTO article_tags (article_id, tag_id) SELECT $1, id FROM wanted
     ON CONFLICT DO NOTHING`,
    [articleId, names],
  );
  return names;
}

/**
 * After sections or title change: word count, reading time and search vector from what is
 * stored now. Returns the sections in order.
 */
export async function refreshDerivedFields(
  manager: EntityManager,
  article: Article,
): Promise<Section[]> {
  const sections = await manager.find(Section, {
    where: { articleId: article.id },
    order: { position: 'ASC' },
  });
  const wordCount =
    countWords(article.title) +
    countWords(article.summary ?? '') +
    sections.reduce((sum, section) => sum + section.wordCount, 0);
  article.wordCount = wordCount;
  article.readingTimeMinutes = readingTimeMinutes(wordCount);
  await manager.update(
    Article,
    { id: article.id },
    { wordCount, readingTimeMinutes: article.readingTimeMinutes },
  );
  await refreshSearchVector(manager, article.id);
  return sections;
}

/**
 * Sets positions to 0..n-1 in the given order. The unique (article, position) constraint is
 * deferred for the transaction, so positions may pass through each other.
 */
export async function renumberSections(
  manager: EntityManager,
  orderedIds: readonly string[],
): Promise<void> {
  if (orderedIds.length === 0) return;
  await manager.query('SET CONSTRAINTS sections_article_position_unique DEFERRED');
  await manager.query(
    `UPDATE sections s SET position = o.position - 1
       FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, position)
      WHERE s.id = o.id AND s.position <> o.position - 1`,
    [orderedIds],
  );
}
