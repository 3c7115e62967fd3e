import { isArticleSlug } from '@folio/contract';
import type { DataSource } from 'typeorm';
import { readQuery } from '../../db/read-query.js';
import { BadUserInputError } from '../../errors/bad-user-input.error.js';
import { decodeTimeIdCursor, encodeTimeIdCursor, pageSize } from '../../graphql/pagination.js';
import { toConnection, type Connection } from '../../graphql/connection.types.js';
import { Article } from './article.entity.js';
import {
  articleDocumentSql,
  toArticle,
  type ArticleDocument,
  type SectionFields,
} from './article-document.js';
import { listedCondition, publishedCondition } from './article.queries.js';
import { relatedArticlesJsonSql, relatedArticlesSql } from './related-articles.sql.js';

const TAG_MAX_LENGTH = 64;
const RELATED_DEFAULT = 3;
const RELATED_MAX = 10;

export interface ListArticlesInput {
  first?: number | null;
  after?: string | null;
  tag?: string | null;
}

/** A list page's SQL and its count's, by shape (tag or not, cursor or not, limit), each built once. */
const listStatementCache = new Map<string, { pageSql: string; countSql: string }>();

function listStatements(
  byTag: boolean,
  afterCursor: boolean,
  limit: number,
): { pageSql: string; countSql: string } {
  const key = `${byTag}:${afterCursor}:${limit}`;
  let statements = listStatementCache.get(key);
  if (statements) return statements;
  const conditions = [listedCondition('a')];
  let parameter = 0;
  if (byTag) {
    parameter += 1;
    conditions.push(`EXISTS (SELECT 1 FROM article_tags at JOIN tags t ON t.id = at.tag_id
                              WHERE at.article_id = a.id AND t.name = $${parameter})`);
  }
  const countSql = `SELECT count(*)::int AS count FROM articles a WHERE ${conditions.join(' AND ')}`;
  if (afterCursor) {
    conditions.push(
      `(a.published_at, a.id) < ($${parameter + 1}::timestamptz, $${parameter + 2}::uuid)`,
    );
  }
  // The limit is written into the text (a validated integer, 1 to 101), not passed as a
  // parameter: with `LIMIT $n` PostgreSQL's generic plan is costed for a tenth of the table,
  // so a prepared statement was planned again on every execution (0.35 ms of its 0.9 ms).
  const pageSql = `SELECT ${articleDocumentSql('a', { sections: false })} AS article
                     FROM articles a WHERE ${conditions.join(' AND ')}
                    ORDER BY a.published_at DESC, a.id DESC LIMIT ${limit}`;
  statements = { pageSql, countSql };
  listStatementCache.set(key, statements);
  return statements;
}

export class ArticleService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * An article with its sections (in order) and tags, in one SQL statement: PostgreSQL builds
   * the whole document as JSON, which costs far less than hydrating a joined result set.
   * `related`: the default number of related articles is read in the same statement (an
   * article page's two statements become one, about a fifth of what PostgreSQL spent on it in
   * round seven's W3 being the second statement's round trip), and left on the article for
   * `related` to answer from (`prefetchedRelated`). Any other number still goes through the
   * field's DataLoader, so the statements per connection stay few.
   */
  async findBySlug(
    slug: string,
    {
      publishedOnly,
      tags = true,
      sectionFields = 'all',
      related = null,
    }: {
      publishedOnly: boolean;
      tags?: boolean;
      sectionFields?: SectionFields;
      related?: number | null;
    },
  ): Promise<Article | null> {
    // Anything that cannot be a slug (path tricks, NUL bytes, 5,000 characters) is simply absent.
    if (!isArticleSlug(slug)) return null;
    const withRelated = related === RELATED_DEFAULT;
    // One prepared statement per shape: 2 x 9 x 2 for published articles, one for previews.
    const shape =
      (publishedOnly ? '' : '_preview') +
      (tags ? '' : '_without_tags') +
      (sectionFields === 'all' ? '' : `_sections_${sectionFields.join('_') || 'plain'}`) +
      (withRelated ? `_related_${RELATED_DEFAULT}` : '');
    const statement = () =>
      `SELECT ${articleDocumentSql('page', { sections: true, tags, sectionFields })} AS article${
        withRelated ? `,\n ${relatedArticlesJsonSql(RELATED_DEFAULT, 'page')} AS related` : ''
      }
         FROM articles page
        WHERE page.slug = $1 ${publishedOnly ? `AND ${publishedCondition('page')}` : ''}`;
    const [row] = await readQuery<{ article: ArticleDocument; related?: ArticleDocument[] }>(
      this.dataSource,
      statement,
      [slug],
      { prepareAs: `article_by_slug${shape}` },
    );
    if (!row) return null;
    const article = toArticle(row.article);
    if (row.related) {
      article.prefetchedRelated = { first: RELATED_DEFAULT, articles: row.related.map(toArticle) };
    }
    return article;
  }

  /**
   * For each article, the listed articles sharing the most tags with it, newest first among
   * equals, then by id, looked for among the newest RELATED_CANDIDATES_PER_TAG of each of its
   * tags (related-articles.sql.ts): one statement for a whole page of articles (their tags and
   * section counts included), however many asked. `related` on a list goes through a
   * DataLoader to here.
   */
  async relatedToMany(
    articleIds: readonly string[],
    first: number | null | undefined,
  ): Promise<Article[][]> {
    const limit = relatedLimit(first);
    if (limit === 0 || articleIds.length === 0) return articleIds.map(() => []);
    // An article page asks for one: a statement of its own, planned once per connection.
    const sources = articleIds.length === 1 ? 'one' : 'many';
    const rows = await readQuery<{ source_id: string; article: ArticleDocument }>(
      this.dataSource,
      () => relatedArticlesSql(limit, sources),
      [sources === 'one' ? articleIds[0] : articleIds],
      { prepareAs: `related_articles_${sources}_${limit}` },
    );
    const bySource = new Map<string, Article[]>();
    for (const row of rows) {
      const list = bySource.get(row.source_id) ?? [];
      list.push(toArticle(row.article));
      bySource.set(row.source_id, list);
    }
    return articleIds.map((id) => bySource.get(id) ?? []);
  }

  /**
   * Newest first, keyset-paginated on (published_at, id): one statement per page, and a second
   * (the count) only when the client asks for totalCount.
   */
  async listPublished(input: ListArticlesInput): Promise<Connection<Article>> {
    const first = pageSize(input.first);
    const tag = input.tag?.trim().toLowerCase();
    if (tag !== undefined && (tag.length === 0 || tag.length > TAG_MAX_LENGTH)) {
      throw new BadUserInputError(`"tag" must be 1 to ${TAG_MAX_LENGTH} characters.`, 'tag');
    }

    const limit = first + 1;
    const parameters: unknown[] = [];
    if (tag) parameters.push(tag);
    const countParameters = [...parameters];
    if (input.after) parameters.push(...decodeTimeIdCursor('articles', input.after));
    const { pageSql, countSql } = listStatements(Boolean(tag), Boolean(input.after), limit);
    const rows =
      first === 0
        ? []
        : await readQuery<{ article: ArticleDocument }>(this.dataSource, pageSql, parameters, {
            // The front page (no tag, first page) is by far the most asked for: prepared once
            // per connection and page size, then run on its generic plan.
            prepareAs: !tag && !input.after ? `newest_articles_${limit}` : undefined,
          });
    const articles = rows.map((row) => toArticle(row.article));
    const totalCount = async () => {
      const [count] = await readQuery<{ count: number }>(
        this.dataSource,
        countSql,
        countParameters,
      );
      return count?.count ?? 0;
    };
    return toConnection(articles, first, totalCount, articleCursor);
  }
}

/** `first` of `related`: 0 to 10, default 3; anything else refused with the range. */
export function relatedLimit(first: number | null | undefined): number {
  return pageSize(first ?? RELATED_DEFAULT, RELATED_MAX);
}

export function articleCursor(article: Article): string {
  return encodeTimeIdCursor('articles', article.publishedAt, article.id);
}
