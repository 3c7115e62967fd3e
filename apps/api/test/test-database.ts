import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createAppDataSource } from '../src/app-modules.js';
import { StatementCounter } from '../src/db/statement-counter.js';

export interface TestDatabase {
  dataSource: DataSource;
  statements: StatementCounter;
  /** Empties every table, so each test starts from nothing. */
  reset(): Promise<void>;
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url)
    throw new Error('TEST_DATABASE_URL is unset: run the suite through jest (global setup).');
  return url;
}

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A database of this test file's own, cloned from the migrated template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `folio_test_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name} TEMPLATE folio_template`));
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  const statements = new StatementCounter();
  const dataSource = createAppDataSource({ url: url.toString(), poolMax: 5, logger: statements });
  await dataSource.initialize();
  return {
    dataSource,
    statements,
    reset: async () => {
      await dataSource.query(
        'TRUNCATE articles, sections, tags, article_tags, api_tokens, article_revisions, reports, audit_events, rate_limits, staff_users, staff_sessions, preview_links CASCADE',
      );
      statements.reset();
    },
    drop: async () => {
      await dataSource.destroy();
      await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/**
 * A test file's own database, made before its tests and dropped after them. Read it inside
 * tests and hooks (it is there once beforeAll has run).
 */
export function useTestDatabase(): () => TestDatabase {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });
  return () => {
    if (!database) throw new Error('useTestDatabase: the database is made in beforeAll');
    return database;
  };
}
