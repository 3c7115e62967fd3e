import { articleDocumentSql } from './article-document.js';
import { listedCondition } from './article.queries.js';

/**
 * How many of each tag's newest listed articles `related` considers. The answer is exact
 * (the listed articles sharing the most tags, newest first among equals, then id) whenever
 * each of the source's tags holds at most this many other listed articles; past that, an
 * article older than the newest this-many of every tag it shares is not considered. That
 * keeps a page's cost the same at 10,000 articles and at millions, where counting every
 * article of every tag grew with the tags (6 ms of PostgreSQL a page at 10,000 articles).
 */
export const RELATED_CANDIDATES_PER_TAG = 100;

/** The source ids as the statement takes them: one uuid, or an array for a DataLoader batch. */
export type RelatedSources = 'one' | 'many';

const SOURCES: Record<RelatedSources, string> = {
  // One source (an article page): every estimate is as good in a generic plan as in a custom
  // one, so PostgreSQL plans it once per connection instead of on every page.
  one: `(SELECT $1::uuid AS source_id, 1::bigint AS ord) s`,
  // A batch: the plan is made for the batch's size, which is worth its planning time.
  many: `unnest($1::uuid[]) WITH ORDINALITY s(source_id, ord)`,
};

function checkedLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > 10) {
    throw new RangeError(`related limit must be an integer from 1 to 10; got ${limit}`);
  }
  return limit;
}

/**
 * For each source id, its `limit` related articles as documents (`source_id`, `article`),
 * in order. Per source (LATERAL), so no estimate can make the planner join whole tables:
 *
 * 1. the source's tags;
 * 2. each tag's newest RELATED_CANDIDATES_PER_TAG listed articles, read from the
 *    `article_tags_listed_newest` index alone (the article's date and listing are copied
 *    onto its tag rows), and for each candidate the number of those lists it is in;
 * 3. that number is its count of shared tags unless a full list stops after the candidate's
 *    date (it may belong to that tag further down): only those few are counted from
 *    `article_tags`, so every candidate is ranked by its true count;
 * 4. the best `limit`, and only they are read from `articles`.
 *
 * `limit` is written into the SQL (validated here) so each value is its own prepared
 * statement with a fixed LIMIT, which a generic plan needs; there are only 10 of them.
 */
export function relatedArticlesSql(limit: number, sources: RelatedSources): string {
  return `SELECT s.source_id, ${articleDocumentSql('a', { sections: false })} AS article
  ${relatedFrom(checkedLimit(limit), SOURCES[sources])}
 ORDER BY s.ord, ${RANKING}`;
}

/**
 * A scalar sub-select: the JSON array of the `limit` related articles' documents of the
 * article aliased `source` in the enclosing statement, ranked as relatedArticlesSql ranks
 * them (the same SQL, with the source taken from the outer row). An article page's statement
 * carries it, so the page needs one statement instead of two (article.service.ts).
 */
export function relatedArticlesJsonSql(limit: number, source: string): string {
  return `(SELECT coalesce(json_agg(${articleDocumentSql('a', { sections: false })}
                                   ORDER BY ${RANKING}), '[]'::json)
  ${relatedFrom(checkedLimit(limit), `(SELECT ${source}.id AS source_id, 1::bigint AS ord) s`)})`;
}

/** The order of a source's related articles: most shared tags, then newest, then id. */
const RANKING = 'r.shared DESC, r.published_at DESC, r.article_id';

/**
 * FROM the sources `s` (source_id, ord) to their ranked articles `r` joined to `a`. The latest
 * date at which a full list stops (`floor`) is read on its own, each tag's last place straight
 * from the index: numbering every candidate of every list and taking a maximum over them all
 * (two window aggregates) cost PostgreSQL about a tenth of the statement more.
 */
function relatedFrom(limit: number, sources: string): string {
  const perTag = RELATED_CANDIDATES_PER_TAG;
  const newestListed = (alias: string, tag: string) =>
    `FROM article_tags ${alias}
               WHERE ${alias}.tag_id = ${tag} AND ${alias}.listed AND ${alias}.published_at <= now()
                 AND ${alias}.article_id <> s.source_id
               ORDER BY ${alias}.published_at DESC, ${alias}.article_id`;
  return `FROM ${sources}
 CROSS JOIN LATERAL (SELECT array_agg(mine.tag_id) AS tags
                       FROM article_tags mine WHERE mine.article_id = s.source_id) st
 CROSS JOIN LATERAL (
   SELECT max(last.published_at) AS floor
     FROM unnest(st.tags) t(tag_id)
    CROSS JOIN LATERAL (SELECT f.published_at ${newestListed('f', 't.tag_id')}
                        OFFSET ${perTag - 1} LIMIT 1) last) fl
 CROSS JOIN LATERAL (
   SELECT c.article_id, c.published_at,
          CASE WHEN c.lists = cardinality(st.tags) OR fl.floor IS NULL OR c.published_at > fl.floor
               THEN c.lists
               ELSE (SELECT count(*) FROM article_tags x
                      WHERE x.article_id = c.article_id AND x.tag_id = ANY (st.tags))
          END AS shared
     FROM (SELECT n.article_id, max(n.published_at) AS published_at, count(*) AS lists
             FROM unnest(st.tags) t(tag_id)
            CROSS JOIN LATERAL (SELECT o.article_id, o.published_at ${newestListed('o', 't.tag_id')}
                                LIMIT ${perTag}) n
            GROUP BY n.article_id) c
    ORDER BY shared DESC, c.published_at DESC, c.article_id
    LIMIT ${limit}) r
  JOIN articles a ON a.id = r.article_id AND ${listedCondition('a')}`;
}
