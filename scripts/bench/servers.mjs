// Step 2: two APIs and two readers in production mode, and the bare baseline. One of each
// Folio server has its cache off (the "uncached" rows: every request does the whole work),
// the other runs as deployed, with the API's response cache and the reader's page cache.
import path from 'node:path';
import { SERVER_RUNTIME, serverRuntimeEnv } from '../server-runtime.mjs';
import { benchSlug } from './dataset.mjs';
import { log } from './options.mjs';
import { nodeBinary } from './node-binary.mjs';
import { startPeer } from './peer.mjs';
import { freePort, start, waitReady } from './processes.mjs';

export const FORWARDING_SECRET = 'bench-forwarding-secret-0123456789';

export async function startApi(root, name, databaseUrl, env, { nodeArgs = [], execPath } = {}) {
  const port = await freePort();
  const child = start(
    path.join(root, 'apps/api/dist/main.js'),
    {
      // as npm start and the images start it (../server-runtime.mjs)
      ...serverRuntimeEnv(),
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'warn',
      MIGRATE_ON_START: 'false',
      SEED_CONTENT_DIR: '',
      REPORTER_KEY_SECRET: 'bench-reporter-key-secret-0123456789',
      FORWARDED_ADDRESS_SECRET: FORWARDING_SECRET,
      REPORT_RATE_LIMIT: '100000000',
      ...env,
      PORT: String(port),
    },
    // the runtime's command-line flags first: a variant's own (ab.mjs) come later and win
    { nodeArgs: [...SERVER_RUNTIME.nodeArgs.api, ...nodeArgs], execPath },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitReady(`${url}/health/ready`, child, name);
  return { pid: child.pid, url, child };
}

export async function startReader(root, name, apiUrl, env, { nodeArgs = [], execPath } = {}) {
  const port = await freePort();
  const child = start(
    path.join(root, 'apps/web/dist/server.js'),
    {
      ...serverRuntimeEnv(),
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      FOLIO_API_URL: `${apiUrl}/graphql`,
      LOG_LEVEL: 'warn',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      FORWARDED_ADDRESS_SECRET: FORWARDING_SECRET,
      ...env,
    },
    // the runtime's command-line flags first: a variant's own (ab.mjs) come later and win
    { nodeArgs: [...SERVER_RUNTIME.nodeArgs.web, ...nodeArgs], execPath },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitReady(`${url}/health/ready`, child, name);
  return { pid: child.pid, url, child };
}

/** A plain `http` + `pg` server answering the same SQL, and one real page from memory. */
async function startBaseline(root, databaseUrl, page, execPath) {
  const port = await freePort();
  const child = start(
    path.join(root, 'scripts/bench/baseline-server.mjs'),
    { DATABASE_URL: databaseUrl, PORT: String(port), BASELINE_PAGE: page },
    { ipc: true, execPath },
  );
  await new Promise((resolve) => child.once('message', resolve));
  return { pid: child.pid, url: `http://127.0.0.1:${port}` };
}

/**
 * @returns {Promise<Record<'api'|'apiCached'|'web'|'webCached'|'baseline', { pid: number, url: string }>
 *   & { peer?: { pid: number, url: string, node: string, version: string }, peerError?: string }>}
 */
export async function startServers(root, databaseUrl, articles, { profile, peer, node } = {}) {
  // --node: every measured server on that Node (the version, and its binary's path)
  const execPath = node ? await nodeBinary(root, node) : process.execPath;
  // --profile: the uncached servers write a .cpuprofile each when they stop
  const profiled = (name) =>
    profile ? ['--cpu-prof', `--cpu-prof-dir=${path.join(root, profile, name)}`] : [];
  const api = await startApi(
    root,
    'API',
    databaseUrl,
    { RESPONSE_CACHE_MB: '0' },
    { nodeArgs: profiled('api'), execPath },
  );
  const apiCached = await startApi(root, 'cached API', databaseUrl, {}, { execPath });
  const web = await startReader(
    root,
    'reader',
    api.url,
    { READER_PAGE_CACHE_MB: '0' },
    { nodeArgs: profiled('web'), execPath },
  );
  const webCached = await startReader(root, 'cached reader', apiCached.url, {}, { execPath });
  // The baseline serves the page the reader renders, byte for byte.
  const page = await (await fetch(`${web.url}/articles/${benchSlug(1, articles)}`)).text();
  const baseline = await startBaseline(root, databaseUrl, page, execPath);
  const servers = { api, apiCached, web, webCached, baseline };
  if (peer) {
    // A peer that cannot be fetched or started (offline, no registry) costs its columns, not
    // the run: the table says why.
    try {
      servers.peer = await startPeer(root, databaseUrl, node);
    } catch (error) {
      servers.peerError = String(error.message ?? error).split('\n')[0];
      log(`!!! PostGraphile (the peer) is not part of this run: ${servers.peerError}`);
    }
  }
  return servers;
}
