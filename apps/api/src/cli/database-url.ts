import { embeddedDatabaseUrl } from '../db/embedded.js';

/** DATABASE_URL, or the embedded PostgreSQL that `npm start` runs. */
export function cliDatabaseUrl(): string {
  return process.env.DATABASE_URL || embeddedDatabaseUrl();
}

export function explainConnectionFailure(url: string, error: unknown): string {
  const host = new URL(url).host;
  return (
    `Cannot reach PostgreSQL at ${host} (${(error as Error).message}).\n` +
    'Start the stack with `npm start` (embedded PostgreSQL) or set DATABASE_URL.'
  );
}
