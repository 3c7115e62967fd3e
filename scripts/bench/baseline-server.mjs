// The bare baseline: Node's http module and pg with named prepared statements, running the
// same SQL work as the API's hot reads, with no framework, no GraphQL and no ORM. The ratio
// ours/baseline says what Folio's layers cost on this machine, whatever its speed.
import http from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const page = process.env.BASELINE_PAGE ?? '';

const ARTICLE = {
  name: 'baseline-article',
  text: `SELECT json_build_object('slug', a.slug, 'title', a.title, 'summary', a.summary,
            'sections', (SELECT json_agg(json_build_object('heading', s.heading, 'anchor', s.anchor, 'blocks', s.blocks, 'text', s.text) ORDER BY s.position)
                           FROM sections s WHERE s.article_id = a.id)) AS body
           FROM articles a WHERE a.slug = $1 AND a.status = 'published' AND a.published_at <= now()`,
};
const NEWEST = {
  name: 'baseline-newest',
  text: `SELECT coalesce(json_agg(x), '[]') AS body FROM (
           SELECT a.slug, a.title, a.summary, a.published_at,
                  (SELECT array_agg(t.name) FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = a.id) AS tags,
                  (SELECT count(*) FROM sections s WHERE s.article_id = a.id) AS sections
             FROM articles a WHERE a.status = 'published' AND a.published_at <= now() AND a.moderation_state = 'visible'
            ORDER BY a.published_at DESC, a.id DESC LIMIT 20) x`,
};
// The same bounded candidate set as the API's search (modules/search/search.service.ts).
const HEADLINE = `(setweight(to_tsvector('english', a.title), 'A') || setweight(to_tsvector('english', coalesce(a.summary, '')), 'B'))`;
const SEARCH = {
  name: 'baseline-search',
  text: `WITH q AS (SELECT websearch_to_tsquery('english', $1) AS q),
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
            ORDER BY page.rank DESC) x`,
};

async function json(res, statement, values) {
  const { rows } = await pool.query({ ...statement, values });
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(rows[0]?.body ?? null));
}

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/article')
      return await json(res, ARTICLE, [url.searchParams.get('slug')]);
    if (url.pathname === '/newest') return await json(res, NEWEST, []);
    if (url.pathname === '/search') return await json(res, SEARCH, [url.searchParams.get('q')]);
    if (url.pathname === '/page') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(page);
    }
    res.writeHead(404).end();
  } catch (error) {
    res.writeHead(500).end(String(error));
  }
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
