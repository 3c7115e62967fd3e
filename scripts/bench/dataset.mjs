// A deterministic benchmark dataset, generated inside PostgreSQL: the same N articles with 8
// sections each, tags and some reports on every run. Words come from a fixed vocabulary picked
// by arithmetic on the row numbers, so text is realistic enough for full-text search.
const VOCABULARY =
  `time people year way day thing world life hand part child eye woman place work week case
point government company number group problem fact river harbour city bridge garden market school
library station street winter summer morning evening night light water stone forest mountain coast
island village road train bus map field letter story history music theatre museum kitchen bread
coffee garden seed flower tree bird fox weather storm rain wind snow cloud sun moon star science
energy power engine design colour paper book page word language voice radio film picture camera
window door room house roof wall floor table chair bicycle tram ferry tunnel canal port market
repair workshop tool machine computer network signal data record archive report review policy
community council neighbour volunteer festival season harvest orchard apple cheese soup recipe`
    .split(/\s+/)
    .filter(Boolean);

const TAGS = 24;

export async function generateDataset(client, articles, log) {
  const vocabulary = `ARRAY[${VOCABULARY.map((w) => `'${w}'`).join(',')}]`;
  await client.query(`
    CREATE OR REPLACE FUNCTION pg_temp.words(seed bigint, n int) RETURNS text LANGUAGE sql IMMUTABLE AS $$
      SELECT string_agg((${vocabulary})[1 + ((seed * 7919 + k * 104729) % ${VOCABULARY.length})], ' ')
        FROM generate_series(1, n) k
    $$`);
  log(`generating ${articles} articles x 8 sections`);
  await client.query('BEGIN');
  await client.query(
    `INSERT INTO tags (name) SELECT 'topic-' || g FROM generate_series(1, ${TAGS}) g`,
  );
  await client.query(
    `INSERT INTO articles (id, slug, title, summary, label, author, status, moderation_state, published_at, word_count, reading_time_minutes)
     SELECT md5('article-' || g)::uuid, 'bench-article-' || g, initcap(pg_temp.words(g, 6)), pg_temp.words(g + 11, 24),
            'Blog Article', 'Author ' || (g % 50), 'published', 'visible',
            timestamptz '2020-01-01 00:00:00+00' + (g || ' minutes')::interval, 620, 3
       FROM generate_series(1, $1) g`,
    [articles],
  );
  await client.query(
    `INSERT INTO sections (article_id, position, heading, anchor, blocks, text, word_count)
     SELECT md5('article-' || g)::uuid, p, h.heading, 'section-' || p,
            jsonb_build_array(
              jsonb_build_object('type', 'paragraph', 'inlines', jsonb_build_array(jsonb_build_object('text', b.body, 'marks', '[]'::jsonb))),
              jsonb_build_object('type', 'list', 'ordered', false, 'items', jsonb_build_array(
                jsonb_build_array(jsonb_build_object('text', pg_temp.words(g * 8 + p + 3, 6), 'marks', '[]'::jsonb)),
                jsonb_build_array(jsonb_build_object('text', pg_temp.words(g * 8 + p + 5, 6), 'marks', '[]'::jsonb))))),
            h.heading || E'\\n' || b.body, 70
       FROM generate_series(1, $1) g, generate_series(0, 7) p,
            LATERAL (SELECT initcap(pg_temp.words(g * 8 + p, 4)) AS heading) h,
            LATERAL (SELECT pg_temp.words(g * 8 + p + 1, 60) AS body) b`,
    [articles],
  );
  await client.query(
    `INSERT INTO article_tags (article_id, tag_id)
     SELECT DISTINCT md5('article-' || g)::uuid, t.id
       FROM generate_series(1, $1) g, unnest(ARRAY[g % ${TAGS}, (g * 7) % ${TAGS}, (g * 13) % ${TAGS}]) n
       JOIN tags t ON t.name = 'topic-' || (n + 1)`,
    [articles],
  );
  log('indexing for search');
  await client.query(
    `UPDATE articles a
        SET search_vector = setweight(to_tsvector('english', a.title), 'A')
                         || setweight(to_tsvector('english', coalesce(a.summary, '')), 'B')
                         || s.vector
       FROM (SELECT article_id,
                    setweight(to_tsvector('english', string_agg(coalesce(heading, ''), ' ')), 'B')
                    || setweight(to_tsvector('english', string_agg(text, ' ')), 'C') AS vector
               FROM sections GROUP BY article_id) s
      WHERE s.article_id = a.id`,
  );
  await client.query(
    // Each seeded reporter on a network of its own (network_key as the migration fills old rows).
    `INSERT INTO reports (receipt, article_id, reason, details, reporter_key, network_key, idempotency_key, request_hash)
     SELECT 'R-B' || lpad(g::text, 9, '0'), md5('article-' || (g * 37 % $1 + 1))::uuid, 'spam', '',
            md5('reporter-' || g) || md5('x' || g), md5('reporter-' || g) || md5('x' || g),
            'bench-seed-' || g, md5('h' || g) || md5('y' || g)
       FROM generate_series(1, $2) g`,
    [articles, Math.max(10, Math.floor(articles / 20))],
  );
  await client.query('COMMIT');
  await client.query('ANALYZE');
}

/** The slugs the workloads pick from, in a fixed shuffled order. */
export function benchSlug(i, articles) {
  return `bench-article-${((i * 7919) % articles) + 1}`;
}

export const SEARCH_WORDS = [
  'harbour',
  'winter garden',
  'river bridge',
  'community library',
  'bread',
  'storm coast',
  'music festival',
  'repair workshop',
];
