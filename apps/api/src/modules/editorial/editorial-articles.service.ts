import type { DataSource } from 'typeorm';
import { BadUserInputError } from '../../errors/bad-user-input.error.js';
import { toConnection, type Connection } from '../../graphql/connection.types.js';
import { isUuid } from '../../graphql/ids.js';
import { decodeTimeIdCursor, encodeTimeIdCursor, pageSize } from '../../graphql/pagination.js';
import {
  articleDocumentSql,
  toArticle,
  type ArticleDocument,
} from '../articles/article-document.js';
import type { Article } from '../articles/article.entity.js';
import { ArticleStatus, type ModerationState } from '../articles/article-status.js';

export interface EditorialListInput {
  status?: ArticleStatus | null;
  moderationState?: ModerationState | null;
  query?: string | null;
  first?: number | null;
  after?: string | null;
}

const QUERY_MAX = 200;

/** Status as editors see it: a scheduled article whose time has come is published. */
function statusCondition(status: ArticleStatus): string {
  switch (status) {
    case ArticleStatus.PUBLISHED:
      return `(a.status = 'published' OR (a.status = 'scheduled' AND a.published_at <= now()))`;
    case ArticleStatus.SCHEDULED:
      return `a.status = 'scheduled' AND a.published_at > now()`;
    default:
      return `a.status = '${status === ArticleStatus.ARCHIVED ? 'archived' : 'draft'}'`;
  }
}

/**
 * Every article whatever its state, for Studio's lists: most recently changed first, filtered
 * by status, moderation state and words in the title, slug or text. Read from the primary, so
 * an editor sees their own save at once.
 */
export class EditorialArticlesService {
  constructor(private readonly dataSource: DataSource) {}

  async list(input: EditorialListInput): Promise<Connection<Article>> {
    const first = pageSize(input.first);
    const parameters: unknown[] = [];
    const conditions: string[] = ['true'];
    if (input.status) conditions.push(statusCondition(input.status));
    if (input.moderationState) {
      parameters.push(input.moderationState);
      conditions.push(`a.moderation_state = $${parameters.length}::moderation_state`);
    }
    const query = input.query?.trim();
    if (query) {
      if (query.length > QUERY_MAX)
        throw new BadUserInputError(`"query" may have at most ${QUERY_MAX} characters.`, 'query');
      parameters.push(query, `%${query.replace(/[\\%_]/g, '\\$&')}%`);
      const [words, pattern] = [parameters.length - 1, parameters.length];
      conditions.push(`(a.search_vector @@ websearch_to_tsquery('english', $${words})
                        OR a.title ILIKE $${pattern} OR a.slug ILIKE $${pattern})`);
    }
    const countParameters = [...parameters];
    const countSql = `SELECT count(*)::int AS count FROM articles a WHERE ${conditions.join(' AND ')}`;
    // Cursors carry milliseconds; compare at that precision so no row is skipped or repeated.
    const changed = `date_trunc('milliseconds', a.updated_at)`;
    if (input.after) {
      parameters.push(...decodeTimeIdCursor('editorial', input.after));
      conditions.push(
        `(${changed}, a.id) < ($${parameters.length - 1}::timestamptz, $${parameters.length}::uuid)`,
      );
    }
    parameters.push(first + 1);
    const rows: Array<{ article: ArticleDocument }> =
      first === 0
        ? []
        : await this.dataSource.query(
            `SELECT ${articleDocumentSql('a', { sections: false })} AS article
               FROM articles a WHERE ${conditions.join(' AND ')}
              ORDER BY ${changed} DESC, a.id DESC LIMIT $${parameters.length}`,
            parameters,
          );
    const totalCount = async () =>
      ((await this.dataSource.query(countSql, countParameters)) as Array<{ count: number }>)[0]
        ?.count ?? 0;
    return toConnection(
      rows.map((row) => toArticle(row.article)),
      first,
      totalCount,
      (article) => encodeTimeIdCursor('editorial', article.updatedAt, article.id),
    );
  }

  /** Any article by id, with its sections; null when there is none. */
  async findById(id: string): Promise<Article | null> {
    if (!isUuid(id)) return null;
    const [row]: Array<{ article: ArticleDocument }> = await this.dataSource.query(
      `SELECT ${articleDocumentSql('a', { sections: true })} AS article FROM articles a WHERE a.id = $1`,
      [id],
    );
    return row ? toArticle(row.article) : null;
  }
}
