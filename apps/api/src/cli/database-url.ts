import type { DataSource } from 'typeorm';
import { createAppDataSource } from '../app-modules.js';
import { embeddedDatabaseUrl } from '../db/embedded.js';
import { parseCliEnv } from '../env.js';

/** DATABASE_URL, or the embedded PostgreSQL that `npm start` runs. */
export function cliDatabaseUrl(): string {
  return parseCliEnv().DATABASE_URL ?? embeddedDatabaseUrl();
}

/**
 * Runs a command against the database (migrated first), or explains how to get one running;
 * resolves to the process exit code.
 */
export async function withCliDatabase(
  work: (dataSource: DataSource) => Promise<number>,
  { migrate = true }: { migrate?: boolean } = {},
): Promise<number> {
  const url = cliDatabaseUrl();
  const dataSource = createAppDataSource({ url, poolMax: 2 });
  try {
    await dataSource.initialize();
  } catch (error) {
    console.error(
      `Cannot reach PostgreSQL at ${new URL(url).host} (${(error as Error).message}).\n` +
        'Start the stack with `npm start` (embedded PostgreSQL) or set DATABASE_URL.',
    );
    return 1;
  }
  try {
    if (migrate) await dataSource.runMigrations({ transaction: 'each' });
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
