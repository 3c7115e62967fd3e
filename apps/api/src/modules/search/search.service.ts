import type { DataSource } from 'typeorm';
import { readQuery } from '../../db/read-query.js';
import { BadUserInputError } from '../../errors/bad-user-input.error.js';
import { toConnection, type Connection } from '../../graphql/connection.types.js';
import { decodeCursor, encodeCursor, pageSize } from '../../graphql/pagination.js';
import {
  articleDocumentSql,
  toArticle,
  type ArticleDocument,
} from '../articles/article-document.js';
import { listedCondition } from '../articles/article.queries.js';
import { HIGHLIGHT_START, HIGHLIGHT_STOP, toSnippetFragments } from './snippet.js';
import type { SearchResult } from './search.types.js';

export const SEARCH_QUERY_MAX_LENGTH = 200;
/**
 * How many matches each index contributes to the candidate set that gets ranked. A word on
 * most pages would otherwise rank every page; title and heading matches come from their own
 * indexes, so they are always among the candidates however common the word is.
 */
export const CANDIDATES_PER_SOURCE = 100;
/**
 * When the section body index is skipped (see BODY_WORDS_ARE_COMMON): how many of the newest
 * articles, per candidate wanted, are walked instead. The walk is only chosen when it is expected
 * to find its candidates within a small share of this window.
 */
const RECENT_ARTICLES_PER_CANDIDATE = 20;
/**
 * Testing one section's vector on the walk (fetch by article_id, then @@) costs about four times
 * reading one entry of a GIN posting list (measured at 100,000 articles): the ratio that decides
 * between the two paths.
 */
const BODY_SCAN_COST_RATIO = 4;
const MAX_SEARCH_PAGE_SIZE = 50;
const MAX_SEARCH_OFFSET = 1_000;

interface SearchRow {
  article: ArticleDocument;
  rank: number;
  anchor: string | null;
  heading: string | null;
  headline: string | null;
}

/**
 * Full-text search over published articles. The reader's words go through
 * websearch_to_tsquery, which accepts any text ("quoted phrases", or, -exclusions) and never
 * raises a syntax error, so operators and SQL fragments are just words.
 */
export class SearchService {
  constructor(private readonly dataSource: DataSource) {}

  async search(input: {
    query: string;
    first?: number | null;
    after?: string | null;
  }): Promise<Connection<SearchResult>> {
    const first = pageSize(input.first, MAX_SEARCH_PAGE_SIZE);
    const query = normalizeQuery(input.query);
    const offset = input.after ? decodeOffset(input.after) : 0;
    // Counting every match is as costly as ranking them: only when totalCount is asked for.
    const totalCount = () => (query === '' ? Promise.resolve(0) : this.count(query));
    if (query === '' || first === 0) return toConnection([], first, totalCount, () => '');

    const rows = await readQuery<SearchRow>(
      this.dataSource,
      searchPageSql,
      [query, first + 1, offset, Math.max(CANDIDATES_PER_SOURCE, offset + first + 1)],
      { prepareAs: 'search_page_v3' },
    );
    const results = rows.map((row, index) => ({
      article: toArticle(row.article),
      rank: Number(row.rank),
      anchor: row.anchor,
      sectionHeading: row.heading,
      snippet: toSnippetFragments(row.headline ?? ''),
      offset: offset + index + 1,
    }));
    return toConnection(results, first, totalCount, (result) =>
      encodeCursor('search', [result.offset]),
    );
  }

  private async count(query: string): Promise<number> {
    const [row] = await readQuery<{ count: number }>(
      this.dataSource,
      `SELECT count(*)::int AS count FROM articles a
        WHERE a.search_vector @@ websearch_to_tsquery('english', $1)
          AND ${listedCondition('a')}`,
      [query],
    );
    return row?.count ?? 0;
  }
}

// The title-and-summary vector, spelled exactly as its index (articles_headline_search).
const HEADLINE_VECTOR = `(setweight(to_tsvector('english', a.title), 'A') ||
  setweight(to_tsvector('english', coalesce(a.summary, '')), 'B'))`;

/**
 * Whether the words' section-body matches are better found by walking the newest articles'
 * sections than by the body index. A GIN bitmap scan reads a word's whole posting list before
 * the LIMIT applies: 300,000 entries for "know" at 100,000 articles. PostgreSQL's own statistics
 * (ANALYZE's most common lexemes of sections.search_vector, with the share of sections holding
 * each) estimate both costs: the index reads about sections x the rarest word's share entries;
 * the walk tests about $4 / (product of the words' shares) sections. Words not among the most
 * common, a query of no words, or no statistics yet: the index, as before. Negated words only
 * filter, so they count for neither estimate. Phrases take the index too: their words' shares
 * say nothing of how often they stand together, and a rare phrase of common words would walk
 * the whole window.
 */
const BODY_WORDS_ARE_COMMON = `(
  SELECT coalesce(count(*) > 0 AND bool_and(f.freq IS NOT NULL)
           AND (SELECT query FROM q)::text NOT LIKE '%<%>%'
           AND exp(sum(ln(greatest(f.freq, 1e-9)))) * min(f.freq)
               * (SELECT c.reltuples FROM pg_class c WHERE c.oid = 'sections'::regclass)
               >= ${BODY_SCAN_COST_RATIO} * $4::int, false)
    FROM (SELECT replace(m[2], '''''', '''') AS lexeme
            FROM q, regexp_matches(q.query::text, '(!?)''((?:[^'']|'''')*)''', 'g') m
           WHERE m[1] = '') l
    LEFT JOIN (
      SELECT e.lexeme, e.freq
        FROM pg_stats st,
             unnest(st.most_common_elems::text::text[], st.most_common_elem_freqs) e(lexeme, freq)
       WHERE st.schemaname = current_schema() AND st.tablename = 'sections'
         AND st.attname = 'search_vector') f ON f.lexeme = l.lexeme)`;

/**
 * One page of results in one statement. The candidates come from three sources, each cut at
 * $4 matches: titles and summaries (GIN), headings (GIN), and sections' own vectors (small,
 * stored inline, so matching and ranking them reads no compressed whole-article vector): from
 * their GIN index, or, for words on a good share of all sections, from the newest articles'
 * sections (common_body_hits: a few hundred rows read instead of a posting list of hundreds of
 * thousands; equally good matches rank newest first anyway). An article scores its
 * title-and-summary rank plus its best section's rank (heading B > body C), so a title match
 * outranks a heading match outranks a body match. Snippets (ts_headline, the expensive part)
 * are built for the page only. readQuery builds this text once, under its prepared name: built
 * anew for each search, the 10 kB two-byte string was flattened by pg and held while PostgreSQL
 * searched, the largest part of what a search left in the old generation.
 */
function searchPageSql(): string {
  return `WITH q AS (SELECT websearch_to_tsquery('english', $1) AS query),
    body_words AS MATERIALIZED (SELECT ${BODY_WORDS_ARE_COMMON} AS common),
    headline_hits AS MATERIALIZED (
      SELECT a.id, ts_rank_cd(${HEADLINE_VECTOR}, q.query) AS rank
        FROM q, articles a
       WHERE ${HEADLINE_VECTOR} @@ q.query
       LIMIT $4),
    common_body_hits AS MATERIALIZED (
      SELECT b.id, b.article_id, ts_rank_cd(b.search_vector, q.query) AS rank
        FROM q,
             (SELECT a.id FROM articles a
               WHERE (SELECT common FROM body_words) AND ${listedCondition('a')}
               ORDER BY a.published_at DESC, a.id DESC
               LIMIT $4::int * ${RECENT_ARTICLES_PER_CANDIDATE}) recent,
             -- OFFSET 0: the article's sections by article_id, each vector tested here (not a
             -- BitmapAnd with the body index, which would read the posting list after all)
             LATERAL (SELECT s.id, s.article_id, s.search_vector FROM sections s
                       WHERE s.article_id = recent.id OFFSET 0) b
       WHERE b.search_vector @@ q.query
       LIMIT $4),
    -- Each source ranks the rows it already holds (no second fetch of each section by id).
    section_hits AS MATERIALIZED (
      (SELECT s.id, s.article_id, ts_rank_cd(s.search_vector, q.query) AS rank
         FROM q, sections s
        WHERE to_tsvector('english', coalesce(s.heading, '')) @@ q.query LIMIT $4)
      UNION
      (SELECT id, article_id, rank FROM common_body_hits)
      UNION
      (SELECT s.id, s.article_id, ts_rank_cd(s.search_vector, q.query) AS rank
         FROM q, sections s
        WHERE NOT (SELECT common FROM body_words) AND s.search_vector @@ q.query LIMIT $4)),
    section_ranks AS (
      SELECT article_id, max(rank) AS rank FROM section_hits GROUP BY article_id),
    found AS (
      SELECT coalesce(t.id, r.article_id) AS id, coalesce(t.rank, 0) + coalesce(r.rank, 0) AS rank
        FROM headline_hits t FULL JOIN section_ranks r ON r.article_id = t.id),
    -- Words spread over title, summary and sections match the article as a whole: asked of
    -- the whole-article vector only when the page is not full otherwise, and not for phrases
    -- (a phrase does not span two sections).
    spread_hits AS MATERIALIZED (
      SELECT a.id, ts_rank_cd(a.search_vector, q.query) AS rank
        FROM q, articles a
       WHERE (SELECT count(*) FROM found) < $2::int + $3::int
         AND q.query::text NOT LIKE '%<%>%'
         AND a.search_vector @@ q.query
         AND a.id NOT IN (SELECT id FROM found)
       LIMIT $4),
    candidates AS (SELECT id, rank FROM found UNION ALL SELECT id, rank FROM spread_hits),
    page AS (
      -- OFFSET 0 keeps this a per-candidate primary-key lookup, not a scan of every article.
      SELECT c.id, listed.published_at, c.rank
        FROM candidates c,
             LATERAL (SELECT a.published_at FROM articles a
                       WHERE a.id = c.id AND ${listedCondition('a')} OFFSET 0) listed
       ORDER BY c.rank DESC, listed.published_at DESC, c.id
       LIMIT $2 OFFSET $3)
  SELECT ${articleDocumentSql('a', { sections: false })} AS article,
         page.rank, best.anchor, best.heading,
         ts_headline('english', best.text, q.query,
           'StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "') AS headline
    FROM q, page
    JOIN articles a ON a.id = page.id
    LEFT JOIN LATERAL (
      SELECT s.anchor, s.heading, s.text
        FROM sections s, q
       WHERE s.article_id = page.id
       ORDER BY ts_rank(s.search_vector, q.query) DESC, s.position
       LIMIT 1
    ) best ON true
   ORDER BY page.rank DESC, page.published_at DESC, page.id`;
}

/** Control characters (NUL among them, which PostgreSQL text refuses) become spaces. */
function normalizeQuery(raw: string): string {
  if (raw.length > SEARCH_QUERY_MAX_LENGTH) {
    throw new BadUserInputError(
      `"query" must be at most ${SEARCH_QUERY_MAX_LENGTH} characters; got ${raw.length}.`,
      'query',
    );
  }
  return (
    raw
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u001f\u007f\uE000\uE001]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

function decodeOffset(cursor: string): number {
  const [offset] = decodeCursor('search', cursor, 'after', 1);
  if (
    typeof offset !== 'number' ||
    !Number.isInteger(offset) ||
    offset < 0 ||
    offset > MAX_SEARCH_OFFSET
  ) {
    throw new BadUserInputError(
      `"after" is not a cursor from this search; results go ${MAX_SEARCH_OFFSET} deep at most.`,
      'after',
    );
  }
  return offset;
}
