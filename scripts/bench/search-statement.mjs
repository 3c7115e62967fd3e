// W5's search as one SQL statement: the same bounded candidate set as the API's search
// (apps/api/src/modules/search/search.service.ts), with its first page size and candidate cut
// fixed (20 and 100). The baseline serves it; --search-alone times it one query at a time.
const HEADLINE = `(setweight(to_tsvector('english', a.title), 'A') || setweight(to_tsvector('english', coalesce(a.summary, '')), 'B'))`;
// Words on a good share of sections (ANALYZE's statistics): their body matches come from the
// newest articles' sections rather than the body index's whole posting list (not phrases).
const BODY_WORDS_ARE_COMMON = `(
                SELECT coalesce(count(*) > 0 AND bool_and(f.freq IS NOT NULL) AND (SELECT q FROM q)::text NOT LIKE '%<%>%'
                         AND exp(sum(ln(greatest(f.freq, 1e-9)))) * min(f.freq)
                             * (SELECT c.reltuples FROM pg_class c WHERE c.oid = 'sections'::regclass) >= 4 * 100, false)
                  FROM (SELECT replace(m[2], '''''', '''') AS lexeme
                          FROM q, regexp_matches(q.q::text, '(!?)''((?:[^'']|'''')*)''', 'g') m WHERE m[1] = '') l
                  LEFT JOIN (SELECT e.lexeme, e.freq
                               FROM pg_stats st, unnest(st.most_common_elems::text::text[], st.most_common_elem_freqs) e(lexeme, freq)
                              WHERE st.schemaname = current_schema() AND st.tablename = 'sections'
                                AND st.attname = 'search_vector') f ON f.lexeme = l.lexeme)`;
export const SEARCH_SQL = `WITH q AS (SELECT websearch_to_tsquery('english', $1) AS q),
              body_words AS MATERIALIZED (SELECT ${BODY_WORDS_ARE_COMMON} AS common),
              headline_hits AS MATERIALIZED (
                SELECT a.id, ts_rank_cd(${HEADLINE}, q.q) AS rank FROM q, articles a
                 WHERE ${HEADLINE} @@ q.q LIMIT 100),
              common_body_hits AS MATERIALIZED (
                SELECT b.id, b.article_id, ts_rank_cd(b.search_vector, q.q) AS rank
                  FROM q,
                       (SELECT a.id FROM articles a
                         WHERE (SELECT common FROM body_words) AND a.status IN ('published', 'scheduled')
                           AND a.published_at <= now() AND a.moderation_state = 'visible'
                         ORDER BY a.published_at DESC, a.id DESC LIMIT 2000) recent,
                       LATERAL (SELECT s.id, s.article_id, s.search_vector FROM sections s WHERE s.article_id = recent.id OFFSET 0) b
                 WHERE b.search_vector @@ q.q LIMIT 100),
              section_hits AS MATERIALIZED (
                (SELECT s.id, s.article_id, ts_rank_cd(s.search_vector, q.q) AS rank FROM q, sections s WHERE to_tsvector('english', coalesce(s.heading, '')) @@ q.q LIMIT 100)
                UNION
                (SELECT id, article_id, rank FROM common_body_hits)
                UNION
                (SELECT s.id, s.article_id, ts_rank_cd(s.search_vector, q.q) AS rank FROM q, sections s WHERE NOT (SELECT common FROM body_words) AND s.search_vector @@ q.q LIMIT 100)),
              section_ranks AS (
                SELECT article_id, max(rank) AS rank FROM section_hits GROUP BY article_id),
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
