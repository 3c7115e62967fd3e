// A deterministic benchmark dataset: the same N articles with 8 sections each, tags and some
// reports on every run. The text is drawn from real English word frequencies (./words.mjs), so
// full-text search meets common and rare words as it would on a real site.
import { availableParallelism } from 'node:os';
import pg from 'pg';
import { WORDS, frequentWord, random, sentence } from './words.mjs';

const TAGS = 24;
const SECTIONS = 8;
const BATCH = 500;

/** SQL for article g's tag numbers (0-based; tag n is named 'topic-' || (n + 1)). */
const tagNumbersSql = (g) => `ARRAY[${g} % ${TAGS}, (${g} * 7) % ${TAGS}, (${g} * 13) % ${TAGS}]`;
/**
 * SQL for article g's tag names, sorted as the triggers of migration 1764960000000 sort them:
 * written with the article, so that inserting its tag rows and sections later finds the
 * copies already right and rewrites no article.
 */
const tagNamesSql = (g) =>
  `ARRAY(SELECT DISTINCT 'topic-' || (n + 1) FROM unnest(${tagNumbersSql(g)}) n ORDER BY 1)`;

const capitalise = (text) => text.replace(/\b[a-z]/g, (c) => c.toUpperCase());

/** Article g's text, the same on every run. */
function articleText(g) {
  const next = random(g * 2654435761);
  return {
    title: capitalise(sentence(next, 6)),
    summary: sentence(next, 24),
    sections: Array.from({ length: SECTIONS }, () => ({
      heading: capitalise(sentence(next, 4)),
      body: sentence(next, 60),
      items: [sentence(next, 6), sentence(next, 6)],
    })),
  };
}

/** Articles from..to as column arrays, ready for one unnest() insert each table. */
function articleBatch(from, to) {
  const articles = { g: [], title: [], summary: [], headings: [], texts: [] };
  const sections = { g: [], p: [], heading: [], body: [], item1: [], item2: [] };
  for (let g = from; g <= to; g++) {
    const text = articleText(g);
    articles.g.push(g);
    articles.title.push(text.title);
    articles.summary.push(text.summary);
    // what the API's writer indexes: headings (weight B) and section texts (C), in order
    articles.headings.push(text.sections.map((section) => section.heading).join(' '));
    articles.texts.push(
      text.sections.map((section) => `${section.heading}\n${section.body}`).join(' '),
    );
    text.sections.forEach((section, p) => {
      sections.g.push(g);
      sections.p.push(p);
      sections.heading.push(section.heading);
      sections.body.push(section.body);
      sections.item1.push(section.items[0]);
      sections.item2.push(section.items[1]);
    });
  }
  return { articles, sections };
}

async function insertBatch(client, { articles, sections }) {
  // The search vector is written with the row (title A, summary B, headings B, body C, as the
  // API's writer does), not by a second pass that would rewrite every article.
  await client.query(
    `INSERT INTO articles (id, slug, title, summary, label, author, status, moderation_state, published_at, word_count, reading_time_minutes, tag_names, section_count, search_vector)
     SELECT md5('article-' || g)::uuid, 'bench-article-' || g, title, summary,
            'Blog Article', 'Author ' || (g % 50), 'published', 'visible',
            timestamptz '2020-01-01 00:00:00+00' + (g || ' minutes')::interval, 620, 3,
            ${tagNamesSql('g')}, $6::int,
            setweight(to_tsvector('english', title), 'A')
              || setweight(to_tsvector('english', coalesce(summary, '')), 'B')
              || (setweight(to_tsvector('english', headings), 'B')
                  || setweight(to_tsvector('english', texts), 'C'))
       FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[]) AS x(g, title, summary, headings, texts)`,
    [articles.g, articles.title, articles.summary, articles.headings, articles.texts, SECTIONS],
  );
  await client.query(
    `INSERT INTO sections (article_id, position, heading, anchor, blocks, text, word_count)
     SELECT md5('article-' || g)::uuid, p, heading, 'section-' || p,
            jsonb_build_array(
              jsonb_build_object('type', 'paragraph', 'inlines', jsonb_build_array(jsonb_build_object('text', body, 'marks', '[]'::jsonb))),
              jsonb_build_object('type', 'list', 'ordered', false, 'items', jsonb_build_array(
                jsonb_build_array(jsonb_build_object('text', item1, 'marks', '[]'::jsonb)),
                jsonb_build_array(jsonb_build_object('text', item2, 'marks', '[]'::jsonb))))),
            heading || E'\\n' || body, 70
       FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[])
            AS x(g, p, heading, body, item1, item2)`,
    [sections.g, sections.p, sections.heading, sections.body, sections.item1, sections.item2],
  );
}

/**
 * The secondary indexes of the bulk-loaded tables (not those backing a constraint): dropped
 * before the load and built again after it from their own definitions, which is faster than
 * updating GIN indexes row by row.
 */
async function dropSecondaryIndexes(client) {
  const { rows } = await client.query(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
      WHERE i.schemaname = current_schema() AND i.tablename IN ('articles', 'sections', 'article_tags')
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                         WHERE c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)`,
  );
  for (const { indexname } of rows) await client.query(`DROP INDEX "${indexname}"`);
  return rows.map((row) => row.indexdef);
}

/** Runs the tasks on `workers` at a time. */
async function inParallel(tasks, workers) {
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < tasks.length) await tasks[next++]();
    }),
  );
}

/**
 * Fills the fresh, migrated database at `url`. Most of the time is PostgreSQL tokenising text
 * (each section's generated vector and each article's), so batches go in on one connection per
 * core, each committed on its own (the database is new and thrown away on failure); the indexes
 * are built once at the end, in parallel too. At 100,000 articles this took 6 minutes as one
 * transaction updating every index row by row and then rewriting each article's vector.
 */
export async function generateDataset(client, url, articles, log) {
  log(`generating ${articles} articles x 8 sections from SUBTLEX-US word frequencies`);
  const workers = Math.max(2, Math.min(4, availableParallelism()));
  const pool = new pg.Pool({
    connectionString: url,
    max: workers,
    options: '-c maintenance_work_mem=256MB -c synchronous_commit=off',
  });
  try {
    const indexes = await dropSecondaryIndexes(client);
    await client.query(
      `INSERT INTO tags (name) SELECT 'topic-' || g FROM generate_series(1, ${TAGS}) g`,
    );
    const batches = [];
    for (let from = 1; from <= articles; from += BATCH) {
      const to = Math.min(articles, from + BATCH - 1);
      // this process writes one batch's text while PostgreSQL inserts the others
      batches.push(() => insertBatch(pool, articleBatch(from, to)));
    }
    await inParallel(batches, workers);
    await client.query(
      `INSERT INTO article_tags (article_id, tag_id)
       SELECT DISTINCT md5('article-' || g)::uuid, t.id
         FROM generate_series(1, $1) g, unnest(${tagNumbersSql('g')}) n
         JOIN tags t ON t.name = 'topic-' || (n + 1)`,
      [articles],
    );
    log(`building ${indexes.length} indexes`);
    await inParallel(
      indexes.map((definition) => () => pool.query(definition)),
      workers,
    );
  } finally {
    await pool.end();
  }
  await client.query(
    `INSERT INTO reports (receipt, article_id, reason, details, reporter_key, network_key, idempotency_key, request_hash)
     SELECT 'R-B' || lpad(g::text, 9, '0'), md5('article-' || (g * 37 % $1 + 1))::uuid, 'spam', '',
            md5('reporter-' || g) || md5('x' || g), md5('network-' || g) || md5('n' || g),
            'bench-seed-' || g, md5('h' || g) || md5('y' || g)
       FROM generate_series(1, $2) g`,
    [articles, Math.max(10, Math.floor(articles / 20))],
  );
  // A site's tables are vacuumed (autovacuum vacuums tables that only grow, too): VACUUM sets
  // each page's all-visible bit, without which every index-only scan (a tag's newest articles
  // for related, a section count, search's candidate indexes) reads the heap row as well, as
  // it would only in the minutes after a bulk import. Ours and the baseline read the same tables.
  await client.query('VACUUM (ANALYZE)');
}

/** The slugs the workloads pick from, in a fixed shuffled order. */
export function benchSlug(i, articles) {
  return `bench-article-${((i * 7919) % articles) + 1}`;
}

/**
 * What readers type into the search box, drawn once per run from the same frequencies:
 * mostly one or two common words, some three-word queries, some rare words, some quoted
 * phrases. Stop words are skipped (a reader searching "the" finds nothing, by design).
 * @returns {Promise<string[]>}
 */
export async function searchQueries(client, count = 400) {
  const { rows } = await client.query(
    `SELECT w FROM unnest($1::text[]) w WHERE to_tsvector('english', w) <> ''::tsvector`,
    [WORDS.slice(0, 40_000)],
  );
  const content = new Set(rows.map((row) => row.w));
  const ranked = [...content];
  const next = random(20261127);
  const common = () => {
    for (;;) {
      const word = frequentWord(next);
      if (content.has(word)) return word;
    }
  };
  const rare = () => ranked[5_000 + Math.floor(next() * (ranked.length - 5_000))];
  const queries = [];
  for (let i = 0; i < count; i++) {
    const roll = next();
    if (roll < 0.45) queries.push(common());
    else if (roll < 0.7) queries.push(`${common()} ${common()}`);
    else if (roll < 0.8) queries.push(`${common()} ${common()} ${common()}`);
    else if (roll < 0.92) queries.push(rare());
    else queries.push(`"${common()} ${common()}"`);
  }
  return queries;
}
