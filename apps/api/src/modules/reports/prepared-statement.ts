import type { PoolClient } from 'pg';
import { QueryFailedError, type EntityManager } from 'typeorm';

/**
 * Runs `text` inside the manager's transaction as a named prepared statement: PostgreSQL
 * parses and plans it once per connection instead of once per batch (the batch statements are
 * large CTEs, and their planning was a good part of PostgreSQL's work per batch). Only for SQL
 * whose text never varies under the name. TypeORM cannot name a statement, so this sends it
 * with pg on the connection of TypeORM's transaction, logged and failing as TypeORM's
 * `manager.query` would (a QueryFailedError carrying PostgreSQL's error).
 */
export async function preparedQuery<T>(
  manager: EntityManager,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const runner = manager.queryRunner;
  if (!runner) return manager.query(text, values);
  const logger = manager.connection.logger;
  logger.logQuery(text, values, runner);
  try {
    const client = (await runner.connect()) as PoolClient;
    const result = await client.query({ name, text, values });
    return result.rows as T[];
  } catch (error) {
    logger.logQueryError(error as Error, text, values, runner);
    throw new QueryFailedError(text, values, error as Error);
  }
}
