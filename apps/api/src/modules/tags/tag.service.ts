import { readQuery } from '../../db/read-query.js';
import type { DataSource } from 'typeorm';
import { pageSize } from '../../graphql/pagination.js';
import { listedCondition } from '../articles/article.queries.js';
import type { TagCount } from './tag.types.js';

const MAX_TAGS = 500;

export class TagService {
  constructor(private readonly dataSource: DataSource) {}

  /** Tags of published articles, most used first. */
  async listWithCounts(first?: number | null): Promise<TagCount[]> {
    const limit = pageSize(first ?? MAX_TAGS, MAX_TAGS);
    return readQuery(
      this.dataSource,
      `SELECT t.name, count(*)::int AS "articleCount"
         FROM tags t
         JOIN article_tags at ON at.tag_id = t.id
         JOIN articles a ON a.id = at.article_id
        WHERE ${listedCondition('a')}
        GROUP BY t.name
        ORDER BY "articleCount" DESC, t.name
        LIMIT $1`,
      [limit],
    );
  }
}
