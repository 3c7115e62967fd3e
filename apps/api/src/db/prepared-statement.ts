import { detachRows } from './detach-rows.js';
import { statementText, type StatementText } from './statement-text.js';
import type { PoolClient } from 'pg';
import { QueryFailedError, type EntityManager } from 'typeorm';

// Named statements (pg's `{ name, text, values }`): PostgreSQL parses a statement once per
// connection and, once it has made five custom plans, compares the generic plan's estimated
// cost with theirs; from then on it plans no more as long as the generic plan looks no worse.
// Nothing on the pool sets `plan_cache_mode`: it is per connection, and every other statement
// on these connections keeps being planned for its own values.

/**
 * An array parameter whose length the planner must not see: `(SELECT $1::text[])` instead of
 * `$1::text[]`.
 *
 * A custom plan counts the elements of an array it is given (`unnest` of a constant: n rows)
 * while the generic plan cannot (10 rows). For a batch smaller than ten the custom plan then
 * always looks cheaper, and PostgreSQL plans the statement again on every execution, which cost
 * more than running it. Behind a scalar subquery (an InitPlan, evaluated once) neither plan can
 * count, both assume 10 rows, their costs are the same but for the planning a custom plan
 * costs, and the generic plan wins after the first five executions on each connection.
 */
export const sizeBlind = (arrayParameter: string): string => `(SELECT ${arrayParameter})`;

/**
 * Whether a statement failed because its connection no longer has the prepared statement pg
 * believes it has: someone ran DEALLOCATE or DISCARD ALL there (26000; pg sends only the name
 * again, and fails again, on every later use), or a migration changed what the statement
 * returns (0A000 "cached plan must not change result type", which also repeats on every
 * execution there). A new connection prepares it afresh, so such a failure is worth one retry.
 * `error` is PostgreSQL's error, or a QueryFailedError carrying it.
 */
export function lostPreparedStatement(error: unknown): boolean {
  const { code, message } = postgresError(error);
  return (
    code === '26000' ||
    (code === '0A000' && /cached plan must not change result type/.test(message ?? ''))
  );
}

/**
 * Whether the connection a statement failed on must leave the pool rather than go back to it:
 * it lost a prepared statement (above), or PostgreSQL ended it (FATAL: a terminated backend, a
 * server shutting down; it closes the socket right after).
 */
export function spoilsConnection(error: unknown): boolean {
  return postgresError(error).severity === 'FATAL' || lostPreparedStatement(error);
}

function postgresError(error: unknown): { severity?: string; code?: string; message?: string } {
  const failed = error as { driverError?: unknown } | null | undefined;
  return (failed?.driverError ?? failed ?? {}) as ReturnType<typeof postgresError>;
}

/**
 * Runs `text` inside the manager's transaction as the named prepared statement `name`: parsed
 * once per connection, and planned a handful of times instead of once per execution (see
 * `sizeBlind` for array parameters). Only for SQL whose text never varies under the name.
 *
 * TypeORM cannot name a statement, so this sends it with pg on the connection of TypeORM's
 * transaction, logged and failing as TypeORM's `manager.query` would (the statement to the data
 * source's logger first; a failure to `logQueryError` and thrown as a QueryFailedError carrying
 * PostgreSQL's error). A failure that spoils the connection (`spoilsConnection`) ends the pg
 * client: the transaction's rollback then fails quietly (TypeORM keeps the original error), and
 * the pool drops the client when TypeORM releases it, so no later batch gets it.
 */
export async function preparedQuery<T>(
  manager: EntityManager,
  name: string,
  text: StatementText,
  values: unknown[],
): Promise<T[]> {
  const sql = statementText(name, text);
  const runner = manager.queryRunner;
  if (!runner) return manager.query(sql, values);
  const logger = manager.connection.logger;
  logger.logQuery(sql, values, runner);
  const client = (await runner.connect()) as PoolClient;
  try {
    const result = await client.query({ name, text: sql, values });
    return detachRows(result.rows) as T[];
  } catch (error) {
    if (spoilsConnection(error)) retire(client);
    logger.logQueryError(error as Error, sql, values, runner);
    throw new QueryFailedError(sql, values, error as Error);
  }
}

/** Ends a checked-out client; pg-pool removes an ending client when it is released. */
function retire(client: PoolClient): void {
  // end() only fails when the socket already failed: the client is gone either way
  client.end().catch(() => undefined);
}
