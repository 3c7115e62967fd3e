// W5's search as one SQL statement: the same bounded candidate set as the API's search
// (apps/api/src/modules/search/search.service.ts), with its first page size and candidate cut
// fixed (20 and 100). The baseline serves it; --search-alone times it one query at a time.
const HEADLINE = `(setweight(to_tsvector('english', a.title), 'A') || setweight(to_tsvector('english', coalesce(a.summary, '')), 'B'))`;
export const SEARCH_SQL = `WITH q AS (SELECT websearch_to_tsquery('english', $1) AS q),
              headline_hits AS MATERIALIZED (
                SELECT a.id, ts_rank_cd(${HEADLINE}, q.q) AS rank FROM q, articles a
                 WHERE ${HEADLINE} @@ q.q LIMIT 100),
              section_hits AS MATERIALIZED (
                (SELECT s.id, s.article_id FROM q, sections s WHERE to_tsvector('english', coalesce(s.heading, '')) @@ q.q LIMIT 100)
                UNION
                (SELECT s.id, s.article_id FROM q, sections s WHERE s.search_vector @@ q.q LIMIT 100)),
              section_ranks AS (
                SELECT h.article_id, max(ts_rank_cd(s.search_vector, q.q)) AS rank
                  FROM q, section_hits h JOIN sections s ON s.id = h.id GROUP BY h.article_id),
              found AS (
                SELECT coalesce(t.id, r.article_id) AS id, coalesce(t.rank, 0) + coalesce(r.rank, 0) AS rank
                  FROM headline_hits t FULL JOIN section_ranks r ON r.article_id = t.id),
              spread_hits AS MATERIALIZED (
                SELECT a.id, ts_rank_cd(a.search_vector, q.q) AS rank FROM q, articles a
                 WHERE (SELECT count(*) FROM found) < 20 AND q.q::text NOT LIKE '%<%>%'
                   AND a.search_vector @@ q.q AND a.id NOT IN (SELECT id FROM found) LIMIT 100),
              page AS (
                SELECT c.id, l.slug, l.title, l.published_at, c.rank
                  FROM (SELECT id, rank FROM found UNION ALL SELECT id, rank FROM spread_hits) c,
                       LATERAL (SELECT a.slug, a.title, a.published_at FROM articles a
                                 WHERE a.id = c.id AND a.status = 'published' AND a.moderation_state = 'visible' OFFSET 0) l
                 ORDER BY c.rank DESC, l.published_at DESC, c.id LIMIT 20)
         SELECT coalesce(json_agg(x), '[]') AS body FROM (
           SELECT page.slug, page.title, page.rank, best.anchor, ts_headline('english', best.text, q.q) AS snippet
             FROM q, page,
                  LATERAL (SELECT s.anchor, s.text FROM sections s WHERE s.article_id = page.id
                           ORDER BY ts_rank(s.search_vector, q.q) DESC LIMIT 1) best
            ORDER BY page.rank DESC) x`;
