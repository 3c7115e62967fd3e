import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';

export interface ReadQueryOptions {
  /**
   * Runs the statement as a named prepared statement: PostgreSQL parses and plans it once per
   * connection instead of on every request. Only for SQL whose text never varies under the name.
   */
  prepareAs?: string;
}

/**
 * A raw SQL read, sent to a read replica when there are any (TypeORM sends plain
 * `dataSource.query` to the primary; query builders and finds already read from replicas).
 */
export async function readQuery<T = Record<string, unknown>>(
  dataSource: DataSource,
  sql: string,
  parameters: unknown[] = [],
  { prepareAs }: ReadQueryOptions = {},
): Promise<T[]> {
  const runner = dataSource.createQueryRunner('slave');
  try {
    if (!prepareAs) return await runner.query(sql, parameters);
    // TypeORM cannot name a statement; pg can, on the connection TypeORM picked for us.
    const client = (await runner.connect()) as PoolClient;
    dataSource.logger.logQuery(sql, parameters, runner);
    const result = await client.query({ name: prepareAs, text: sql, values: parameters });
    return result.rows as T[];
  } finally {
    await runner.release();
  }
}
