import type { EntityManager } from 'typeorm';

/**
 * Rewrites an article's weighted search vector from its title (A), summary and headings (B)
 * and body text (C). Call after its sections change, inside the same transaction.
 */
export async function refreshSearchVector(
  manager: EntityManager,
  articleId: string,
): Promise<void> {
  await manager.query(
    `UPDATE articles a
        SET search_vector =
              setweight(to_tsvector('english', a.title), 'A') ||
              setweight(to_tsvector('english', coalesce(a.summary, '')), 'B') ||
              coalesce((
                SELECT setweight(to_tsvector('english', string_agg(coalesce(s.heading, ''), ' ')), 'B') ||
                       setweight(to_tsvector('english', string_agg(s.text, ' ')), 'C')
                  FROM sections s WHERE s.article_id = a.id
              ), ''::tsvector)
      WHERE a.id = $1`,
    [articleId],
  );
}
