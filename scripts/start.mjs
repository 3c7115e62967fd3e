#!/usr/bin/env node
// `npm start`: the whole stack on one machine. Starts an embedded PostgreSQL (unless
// DATABASE_URL is set), the API (which migrates and loads the sample content into an empty
// database) and, once they are built, the reader and Folio Studio. Ctrl-C or SIGTERM stops all of it, PostgreSQL too.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_RUNTIME, serverRuntimeEnv } from './server-runtime.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const API_PORT = Number(process.env.API_PORT ?? 4000);
const WEB_PORT = Number(process.env.WEB_PORT ?? 3000);
const STUDIO_PORT = Number(process.env.STUDIO_PORT ?? 3001);

const children = new Set();
let postgres;
let stopping = false;

function log(message) {
  console.log(`[folio] ${message}`);
}

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
        }),
    ),
  );
  if (postgres) await postgres.stop();
  log('stopped');
  process.exit(code);
}

function run(name, script, env) {
  // A child that failed during start-up stops the stack; nothing may start after that.
  if (stopping) return null;
  // the runtime settings the images carry too (server-runtime.mjs): malloc arenas, young
  // generation, old generation's growth, the API's compiler tiers
  const child = spawn(process.execPath, [...SERVER_RUNTIME.nodeArgs[name], script], {
    cwd: root,
    env: { ...process.env, ...serverRuntimeEnv(), ...env },
    stdio: 'inherit',
  });
  children.add(child);
  child.once('exit', (code, signal) => {
    children.delete(child);
    if (!stopping) {
      log(`${name} exited (${signal ?? code}); stopping the stack`);
      void stopAll(1);
    }
  });
  return child;
}

async function waitUntilReady(url, name, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (!stopping) throw new Error(`${name} did not become ready at ${url}`);
}

async function main() {
  // Signals first: an interrupt during start-up must still stop PostgreSQL.
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const { startEmbeddedPostgres, EMBEDDED_DEFAULTS } = require(
      path.join(root, 'apps/api/dist/db/embedded.js'),
    );
    const port = Number(process.env.FOLIO_PG_PORT ?? EMBEDDED_DEFAULTS.port);
    log(`starting embedded PostgreSQL on port ${port} (data in .data/postgres)`);
    postgres = await startEmbeddedPostgres({ dataDir: path.join(root, '.data/postgres'), port });
    databaseUrl = postgres.url;
  }

  // The reader forwards each reader's address to the API for per-reader rate limits; the API
  // trusts it only with this secret, made fresh for every start.
  const forwardingSecret = process.env.FORWARDED_ADDRESS_SECRET ?? randomBytes(24).toString('hex');

  run('api', 'apps/api/dist/main.js', {
    FORWARDED_ADDRESS_SECRET: forwardingSecret,
    DATABASE_URL: databaseUrl,
    PORT: String(API_PORT),
    SEED_CONTENT_DIR: path.join(root, 'content'),
  });
  await waitUntilReady(`http://127.0.0.1:${API_PORT}/health/ready`, 'API');

  const webServer = path.join(root, 'apps/web/dist/server.js');
  if (existsSync(webServer)) {
    run('web', webServer, {
      PORT: String(WEB_PORT),
      FOLIO_API_URL: `http://127.0.0.1:${API_PORT}/graphql`,
      FORWARDED_ADDRESS_SECRET: forwardingSecret,
    });
    await waitUntilReady(`http://127.0.0.1:${WEB_PORT}/health/ready`, 'reader');
  }

  // Studio signs its cookies with SESSION_SECRET; without one, a fresh secret per start (so
  // signing in again after a restart is needed, and nothing guessable is ever used). It serves
  // plain http on localhost here, so its cookies are not marked Secure unless asked.
  const studioServer = path.join(root, 'apps/studio/dist/server.js');
  if (existsSync(studioServer)) {
    run('studio', studioServer, {
      PORT: String(STUDIO_PORT),
      FOLIO_API_URL: `http://127.0.0.1:${API_PORT}/graphql`,
      READER_URL: process.env.READER_URL ?? `http://localhost:${WEB_PORT}`,
      SESSION_SECRET: process.env.SESSION_SECRET ?? randomBytes(32).toString('hex'),
      FORWARDED_ADDRESS_SECRET: forwardingSecret,
      COOKIE_SECURE: process.env.COOKIE_SECURE ?? 'false',
    });
    await waitUntilReady(`http://127.0.0.1:${STUDIO_PORT}/health/ready`, 'Studio');
  }

  log(`API     http://localhost:${API_PORT}/graphql`);
  if (existsSync(webServer)) log(`reader  http://localhost:${WEB_PORT}/`);
  if (existsSync(studioServer)) log(`studio  http://localhost:${STUDIO_PORT}/`);
  log('press Ctrl-C to stop');
}

main().catch(async (error) => {
  console.error(`[folio] ${error.message}`);
  await stopAll(1);
});
