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
      // Rank and cut to the page first; find the best section and build snippets for that
      // page only (ts_headline is the expensive part).
      `WITH q AS (SELECT websearch_to_tsquery('english', $1) AS query),
            page AS (
              SELECT a.id, a.published_at, ts_rank_cd(a.search_vector, q.query) AS rank
                FROM q, articles a
               WHERE a.search_vector @@ q.query
                 AND ${listedCondition('a')}
               ORDER BY rank DESC, a.published_at DESC, a.id
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
        ORDER BY page.rank DESC, page.published_at DESC, page.id`,
      [query, first + 1, offset],
      { prepareAs: 'search_page' },
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
