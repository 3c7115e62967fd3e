// Step 1: a PostgreSQL of the bench's own, migrated and filled with the deterministic dataset.
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import pg from 'pg';
import { generateDataset } from './dataset.mjs';
import { log } from './options.mjs';
import { postgresCpuSeconds } from './postgres-cpu.mjs';
import { freePort } from './processes.mjs';

const require = createRequire(import.meta.url);

/** A `folio_bench` database on DATABASE_URL's server, or a separate embedded PostgreSQL. */
async function startDatabase(root, settings) {
  const postgresFlags = [
    '-c',
    'shared_preload_libraries=pg_stat_statements',
    '-c',
    'max_connections=200',
    ...settings.flatMap((setting) => ['-c', setting]),
  ];
  if (process.env.DATABASE_URL) {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS folio_bench WITH (FORCE)');
    await admin.query('CREATE DATABASE folio_bench');
    await admin.end();
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = '/folio_bench';
    return { url: url.href, stop: async () => {} };
  }
  const { startEmbeddedPostgres } = require(path.join(root, 'apps/api/dist/db/embedded.js'));
  const dataDir = path.join(root, '.data/bench-postgres');
  await rm(dataDir, { recursive: true, force: true });
  log(`starting a separate embedded PostgreSQL (${path.relative(root, dataDir)})`);
  const server = await startEmbeddedPostgres({
    dataDir,
    port: await freePort(),
    database: 'folio_bench',
    postgresFlags,
  });
  return { ...server, cpuSeconds: postgresCpuSeconds(dataDir) };
}

/** The API's own migrations, run by its built data source (no entities needed). */
async function migrate(root, url) {
  const { createDataSource } = require(path.join(root, 'apps/api/dist/db/data-source.js'));
  const migrator = createDataSource({ url, poolMax: 1 });
  await migrator.initialize();
  await migrator.runMigrations({ transaction: 'each' });
  await migrator.destroy();
}

/** Counts SQL statements PostgreSQL ran, when pg_stat_statements is there to ask. */
async function statementCounter(client) {
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await client.query('SELECT pg_stat_statements_reset()');
  } catch {
    // a given DATABASE_URL may not preload it
    log('pg_stat_statements is not available: SQL statements per request are not reported');
    return undefined;
  }
  return async () =>
    Number(
      (
        await client.query(
          `SELECT coalesce(sum(calls), 0)::bigint AS n FROM pg_stat_statements WHERE query NOT ILIKE '%pg_stat_statements%'`,
        )
      ).rows[0].n,
    );
}

/**
 * @returns {Promise<{ postgres: { url: string, stop(): Promise<void>,
 *   cpuSeconds?: () => number }, client: pg.Client,
 *   sqlCalls: (() => Promise<number>) | undefined }>}
 *   cpuSeconds: PostgreSQL's CPU so far, when it runs on this machine (the embedded one);
 *   settings: extra `name=value` settings for the embedded PostgreSQL (not a DATABASE_URL's)
 */
export async function prepareDatabase(root, articles, { settings = [] } = {}) {
  const postgres = await startDatabase(root, settings);
  await migrate(root, postgres.url);
  const client = new pg.Client({ connectionString: postgres.url });
  await client.connect();
  const started = Date.now();
  await generateDataset(client, postgres.url, articles, log);
  log(`dataset ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { postgres, client, sqlCalls: await statementCounter(client) };
}
