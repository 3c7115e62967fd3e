// Starts the whole stack once for Studio's end-to-end tests: an embedded PostgreSQL, the built
// API (migrations and sample content), the built reader and the built Studio, each on a free
// port; creates an admin account with the project's own command; finds a Chromium. Without
// one the tests are skipped with a notice, except under CI=true, where that fails the run.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@folio/jest-config/free-port';

const require = createRequire(import.meta.url);
const studioDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const repoRoot = path.resolve(studioDir, '../..');
const FORWARDING_SECRET = 'e2e-forwarding-secret-0123456789';
const ADMIN = {
  email: 'ada.admin@example.org',
  name: 'Ada Admin',
  password: 'correct horse battery staple',
};

function findBrowser() {
  return [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']
    .filter(Boolean)
    .find((candidate) => existsSync(candidate));
}

async function waitFor(url, child, name) {
  const deadline = Date.now() + 90_000;
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

function start(script, env) {
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  globalThis.__FOLIO_STUDIO_E2E__.children.push(child);
  return child;
}

export default async function globalSetup() {
  const browser = findBrowser();
  if (!browser) {
    const help =
      'No Chromium found for the end-to-end tests. Install it (apt-get install -y chromium) or set CHROME_PATH.';
    if (process.env.CI === 'true') throw new Error(help);
    console.warn(
      `\n${'!'.repeat(80)}\n!! ${help}\n!! Studio's browser tests are SKIPPED on this machine.\n${'!'.repeat(80)}\n`,
    );
    process.env.FOLIO_E2E_BROWSER = '';
    return;
  }
  for (const built of [
    'apps/studio/build/server/index.js',
    'apps/studio/dist/server.js',
    'apps/web/build/server/index.js',
    'apps/api/dist/main.js',
  ]) {
    if (!existsSync(path.join(repoRoot, built)))
      throw new Error(`${built} is missing: run \`npm test\` from the root (turbo builds first).`);
  }

  globalThis.__FOLIO_STUDIO_E2E__ = { children: [] };
  const parent = await mkdtemp(path.join(tmpdir(), 'folio-studio-e2e-'));
  await chmod(parent, 0o755); // as root, PostgreSQL runs as another user who must reach it
  const { startEmbeddedPostgres } = require('@folio/api/embedded-postgres');
  const postgres = await startEmbeddedPostgres({
    dataDir: path.join(parent, 'pg'),
    port: await freePort(),
    database: 'folio_studio_e2e',
  });
  Object.assign(globalThis.__FOLIO_STUDIO_E2E__, { postgres, parent });

  const [apiPort, webPort, studioPort] = [await freePort(), await freePort(), await freePort()];
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const webUrl = `http://127.0.0.1:${webPort}`;
  const studioUrl = `http://127.0.0.1:${studioPort}`;
  const api = start(path.join(repoRoot, 'apps/api/dist/main.js'), {
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
  const web = start(path.join(repoRoot, 'apps/web/dist/server.js'), {
    NODE_ENV: 'production',
    PORT: String(webPort),
    HOST: '127.0.0.1',
    FOLIO_API_URL: `${apiUrl}/graphql`,
    FORWARDED_ADDRESS_SECRET: FORWARDING_SECRET,
    PUBLIC_URL: webUrl,
    LOG_LEVEL: 'warn',
  });
  const studio = start(path.join(studioDir, 'dist/server.js'), {
    NODE_ENV: 'production',
    PORT: String(studioPort),
    HOST: '127.0.0.1',
    FOLIO_API_URL: `${apiUrl}/graphql`,
    FORWARDED_ADDRESS_SECRET: FORWARDING_SECRET,
    READER_URL: webUrl,
    SESSION_SECRET: 'e2e-studio-session-secret-0123456789abcdef',
    // Plain http on 127.0.0.1 in the tests; production marks the cookies Secure.
    COOKIE_SECURE: 'false',
    LOG_LEVEL: 'warn',
  });
  await waitFor(`${webUrl}/health/ready`, web, 'reader');
  await waitFor(`${studioUrl}/health/ready`, studio, 'Studio');

  // The first admin, made the way the README says (the password read from standard input).
  const created = spawnSync(
    process.execPath,
    [
      path.join(repoRoot, 'apps/api/dist/cli/create-user.js'),
      '--email',
      ADMIN.email,
      '--name',
      ADMIN.name,
      '--role',
      'admin',
      '--password-stdin',
    ],
    { env: { ...process.env, DATABASE_URL: postgres.url }, input: ADMIN.password },
  );
  if (created.status !== 0) throw new Error(`user:create failed: ${created.stderr}`);

  process.env.FOLIO_E2E_BROWSER = browser;
  process.env.FOLIO_E2E_WEB_URL = webUrl;
  process.env.FOLIO_E2E_STUDIO_URL = studioUrl;
  process.env.FOLIO_E2E_API_URL = `${apiUrl}/graphql`;
  process.env.FOLIO_E2E_DATABASE_URL = postgres.url;
  process.env.FOLIO_E2E_ADMIN_EMAIL = ADMIN.email;
  process.env.FOLIO_E2E_ADMIN_PASSWORD = ADMIN.password;
}
