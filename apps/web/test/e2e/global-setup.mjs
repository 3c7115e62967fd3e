// Starts the real stack once for the end-to-end tests: an embedded PostgreSQL, the built API
// (migrations and sample content) and the built reader, each on a free port, and finds a
// Chromium. Without one the tests are skipped with a notice, except under CI=true, where a
// missing browser fails the run so CI can never pass without them.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@folio/jest-config/free-port';

const require = createRequire(import.meta.url);
const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const repoRoot = path.resolve(webDir, '../..');
const FORWARDING_SECRET = 'e2e-forwarding-secret-0123456789';

function findBrowser() {
  const candidates = [
    process.env.CHROME_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
  ].filter(Boolean);
  return candidates.find((candidate) => existsSync(candidate));
}

async function waitFor(url, child, name) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${name} exited with ${child.exitCode} during start-up`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet listening
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} did not become ready at ${url}`);
}

function start(name, script, env) {
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  globalThis.__FOLIO_E2E__.children.push(child);
  return child;
}

export default async function globalSetup() {
  const browser = findBrowser();
  if (!browser) {
    const help =
      'No Chromium found for the end-to-end tests. Install it (apt-get install -y chromium) or set CHROME_PATH.';
    if (process.env.CI === 'true') throw new Error(help);
    console.warn(
      `\n${'!'.repeat(80)}\n!! ${help}\n!! The browser tests are SKIPPED on this machine.\n${'!'.repeat(80)}\n`,
    );
    process.env.FOLIO_E2E_BROWSER = '';
    return;
  }
  for (const built of ['build/server/index.js', 'dist/server.js']) {
    if (!existsSync(path.join(webDir, built)))
      throw new Error(
        'The reader is not built: run `npm test` from the root (turbo builds first).',
      );
  }

  globalThis.__FOLIO_E2E__ = { children: [] };
  const parent = await mkdtemp(path.join(tmpdir(), 'folio-e2e-'));
  await chmod(parent, 0o755); // as root, PostgreSQL runs as another user who must reach it
  const { startEmbeddedPostgres } = require('@folio/api/embedded-postgres');
  const postgres = await startEmbeddedPostgres({
    dataDir: path.join(parent, 'pg'),
    port: await freePort(),
    database: 'folio_e2e',
  });
  Object.assign(globalThis.__FOLIO_E2E__, { postgres, parent });

  const [apiPort, webPort] = [await freePort(), await freePort()];
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const webUrl = `http://127.0.0.1:${webPort}`;
  const api = start('API', path.join(repoRoot, 'apps/api/dist/main.js'), {
    NODE_ENV: 'production',
    PORT: String(apiPort),
    HOST: '127.0.0.1',
    DATABASE_URL: postgres.url,
    SEED_CONTENT_DIR: path.join(repoRoot, 'content'),
    REPORTER_KEY_SECRET: 'e2e-reporter-key-secret-0123456789',
    FORWARDED_ADDRESS_SECRET: FORWARDING_SECRET,
    REPORT_RATE_LIMIT: '1000',
    LOG_LEVEL: 'warn',
  });
  await waitFor(`${apiUrl}/health/ready`, api, 'API');
  const web = start('reader', path.join(webDir, 'dist/server.js'), {
    NODE_ENV: 'production',
    PORT: String(webPort),
    HOST: '127.0.0.1',
    FOLIO_API_URL: `${apiUrl}/graphql`,
    FORWARDED_ADDRESS_SECRET: FORWARDING_SECRET,
    PUBLIC_URL: webUrl,
    LOG_LEVEL: 'warn',
  });
  await waitFor(`${webUrl}/health/ready`, web, 'reader');

  process.env.FOLIO_E2E_BROWSER = browser;
  process.env.FOLIO_E2E_WEB_URL = webUrl;
  process.env.FOLIO_E2E_API_URL = `${apiUrl}/graphql`;
  process.env.FOLIO_E2E_DATABASE_URL = postgres.url;
}
