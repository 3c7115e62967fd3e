import type { Pool, PoolClient, QueryConfig } from 'pg';
import { QueryFailedError, TypeORMError, type DataSource } from 'typeorm';
import { detachRows } from './detach-rows.js';
import { spoilsConnection } from './prepared-statement.js';
import { statementText, type StatementText } from './statement-text.js';

export interface ReadQueryOptions {
  /**
   * Runs the statement as a named prepared statement: PostgreSQL parses and plans it once per
   * connection instead of on every request. Only for SQL whose text never varies under the name;
   * given a builder for it, the text is built on the name's first use only (statement-text.ts).
   */
  prepareAs?: string;
}

/** The pg pools TypeORM's Postgres driver opened (`master`, and one per read replica). */
interface PostgresPools {
  master?: Pool;
  slaves: Pool[];
}

/**
 * The pool a read goes to: a replica's when there are any (picked at random, as TypeORM's own
 * "slave" query runners pick), otherwise the primary's. These are TypeORM's pools, so reads
 * share its connections and its size limits and timeouts (data-source.ts); there is no second
 * pool.
 */
export function readPool(dataSource: DataSource): Pool {
  const { master, slaves } = dataSource.driver as unknown as PostgresPools;
  if (!master) throw new TypeORMError('Driver not Connected');
  if (slaves.length === 0) return master;
  return slaves.length === 1 ? slaves[0]! : slaves[Math.floor(Math.random() * slaves.length)]!;
}

/**
 * A raw SQL read, sent to a read replica when there are any (TypeORM sends plain
 * `dataSource.query` to the primary; query builders and finds already read from replicas).
 *
 * It takes a client from TypeORM's pool itself rather than through a TypeORM QueryRunner:
 * a runner per read (its broadcaster, its bookkeeping, three promises around pg's callback)
 * was a measurable part of W1's and W2's CPU per request. What the runner did stays: the
 * statement goes to the data source's logger before it is sent, a failure is logged as
 * `logQueryError` and thrown as TypeORM's QueryFailedError (PostgreSQL's error and its code
 * inside), and the client goes back to the pool whatever happened; one whose connection broke
 * (or is about to: a FATAL error), or that lost a prepared statement (`spoilsConnection`), is
 * dropped from the pool instead of being reused.
 */
export async function readQuery<T = Record<string, unknown>>(
  dataSource: DataSource,
  text: StatementText,
  parameters: unknown[] = [],
  { prepareAs }: ReadQueryOptions = {},
): Promise<T[]> {
  const sql = prepareAs ? statementText(prepareAs, text) : typeof text === 'string' ? text : text();
  const client: PoolClient = await readPool(dataSource).connect();
  // A connection that fails while checked out emits 'error' on its client: without a listener
  // that would be an uncaught exception; with one, the client is released as broken.
  let broken: Error | undefined;
  const onError = (error: Error) => {
    broken = error;
  };
  client.on('error', onError);
  const logger = dataSource.logger;
  try {
    logger.logQuery(sql, parameters);
    const query: QueryConfig = prepareAs
      ? { name: prepareAs, text: sql, values: parameters }
      : { text: sql, values: parameters };
    const result = await client.query(query);
    return detachRows(result.rows) as T[];
  } catch (error) {
    // FATAL (a terminated backend, a server shutting down: PostgreSQL closes the connection
    // right after), or a prepared statement that will fail on every later use there: the
    // connection must not go back to the pool for the next read to fail on.
    if (spoilsConnection(error)) broken ??= error as Error;
    logger.logQueryError(error as Error, sql, parameters);
    throw new QueryFailedError(sql, parameters, error as Error);
  } finally {
    client.removeListener('error', onError);
    client.release(broken);
  }
}
