import type { DataSource } from 'typeorm';

/**
 * A raw SQL read, sent to a read replica when there are any (TypeORM sends plain
 * `dataSource.query` to the primary; query builders and finds already read from replicas).
 */
export async function readQuery<T = Record<string, unknown>>(
  dataSource: DataSource,
  sql: string,
  parameters: unknown[] = [],
): Promise<T[]> {
  const runner = dataSource.createQueryRunner('slave');
  try {
    return await runner.query(sql, parameters);
  } finally {
    await runner.release();
  }
}
