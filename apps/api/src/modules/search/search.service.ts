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
      searchPageSql(),
      [query, first + 1, offset, Math.max(CANDIDATES_PER_SOURCE, offset + first + 1)],
      { prepareAs: 'search_page_v2' },
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
 * One page of results in one statement. The candidates come from three GIN indexes, each cut
 * at $4 matches: titles and summaries, headings, and sections' own vectors (small, stored
 * inline, so matching and ranking them reads no compressed whole-article vector). An article
 * scores its title-and-summary rank plus its best section's rank (heading B > body C), so a
 * title match outranks a heading match outranks a body match. Snippets (ts_headline, the
 * expensive part) are built for the page only.
 */
function searchPageSql(): string {
  return `WITH q AS (SELECT websearch_to_tsquery('english', $1) AS query),
    headline_hits AS MATERIALIZED (
      SELECT a.id, ts_rank_cd(${HEADLINE_VECTOR}, q.query) AS rank
        FROM q, articles a
       WHERE ${HEADLINE_VECTOR} @@ q.query
       LIMIT $4),
    section_hits AS MATERIALIZED (
      (SELECT s.id, s.article_id FROM q, sections s
        WHERE to_tsvector('english', coalesce(s.heading, '')) @@ q.query LIMIT $4)
      UNION
      (SELECT s.id, s.article_id FROM q, sections s WHERE s.search_vector @@ q.query LIMIT $4)),
    section_ranks AS (
      SELECT h.article_id, max(ts_rank_cd(s.search_vector, q.query)) AS rank
        FROM q, section_hits h JOIN sections s ON s.id = h.id
       GROUP BY h.article_id),
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
