// The bare baseline: Node's http module and pg with named prepared statements, running the
// same SQL work as the API's hot reads, with no framework, no GraphQL and no ORM. The ratio
// ours/baseline says what Folio's layers cost on this machine, whatever its speed.
import http from 'node:http';
import pg from 'pg';
import { SEARCH_SQL } from './search-statement.mjs';

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
const SEARCH = { name: 'baseline-search', text: SEARCH_SQL };

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
