#!/usr/bin/env node
// `npm run bench [-- --quick] [-- --articles N]`: Folio against a bare baseline on the same
// machine, in the same run. See the README's "Benchmark" section for how to read the output.
import { fork, spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { benchSlug, generateDataset, SEARCH_WORDS } from './dataset.mjs';
import { measure, peakRssMb } from './load.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    articles: { type: 'string' },
    // e.g. --workloads W1,W2 for the scale run
    workloads: { type: 'string' },
  },
});
const quick = args.quick;
const articles = Number(args.articles ?? (quick ? 500 : 10_000));
const timing = quick ? { warmup: 1, duration: 2, runs: 3 } : { warmup: 3, duration: 10, runs: 3 };
const FORWARDING_SECRET = 'bench-forwarding-secret-0123456789';
const children = [];
const log = (message) => console.error(`[bench] ${message}`);

async function freePort() {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function waitReady(url, child, name) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited while starting`);
    if ((await fetch(url).catch(() => null))?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${name} did not become ready`);
}

function start(script, env, { ipc = false } = {}) {
  const child = (ipc ? fork : spawn)(ipc ? script : process.execPath, ipc ? [] : [script], {
    env: { ...process.env, ...env },
    stdio: ipc ? ['ignore', 'ignore', 'inherit', 'ipc'] : ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return child;
}

async function database() {
  const postgresFlags = [
    '-c',
    'shared_preload_libraries=pg_stat_statements',
    '-c',
    'max_connections=200',
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
  const { rm } = await import('node:fs/promises');
  const dataDir = path.join(root, '.data/bench-postgres');
  await rm(dataDir, { recursive: true, force: true });
  log(`starting a separate embedded PostgreSQL (${path.relative(root, dataDir)})`);
  return startEmbeddedPostgres({
    dataDir,
    port: await freePort(),
    database: 'folio_bench',
    postgresFlags,
  });
}

async function main() {
  const postgres = await database();
  const { createDataSource } = require(path.join(root, 'apps/api/dist/db/data-source.js'));
  const migrator = createDataSource({ url: postgres.url, poolMax: 1 });
  await migrator.initialize();
  await migrator.runMigrations({ transaction: 'each' });
  await migrator.destroy();

  const client = new pg.Client({ connectionString: postgres.url });
  await client.connect();
  const started = Date.now();
  await generateDataset(client, articles, log);
  log(`dataset ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  let statementsTracked = true;
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await client.query('SELECT pg_stat_statements_reset()');
  } catch {
    statementsTracked = false; // a given DATABASE_URL may not preload it
    log('pg_stat_statements is not available: SQL statements per request are not reported');
  }
  const sqlCalls = statementsTracked
    ? async () =>
        Number(
          (
            await client.query(
              `SELECT coalesce(sum(calls), 0)::bigint AS n FROM pg_stat_statements WHERE query NOT ILIKE '%pg_stat_statements%'`,
            )
          ).rows[0].n,
        )
    : undefined;

  // Two of each server: one with its cache off (the "uncached" rows: every request does the
  // work) and one as deployed, with the API's response cache and the reader's page cache.
  const apiEnv = {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    DATABASE_URL: postgres.url,
    LOG_LEVEL: 'warn',
    MIGRATE_ON_START: 'false',
    SEED_CONTENT_DIR: '',
    REPORTER_KEY_SECRET: 'bench-reporter-key-secret-0123456789',
    FORWARDED_ADDRESS_SECRET: FORWARDING_SECRET,
    REPORT_RATE_LIMIT: '100000000',
  };
  const startApi = async (name, env) => {
    const port = await freePort();
    const child = start(path.join(root, 'apps/api/dist/main.js'), {
      ...apiEnv,
      ...env,
      PORT: String(port),
    });
    const url = `http://127.0.0.1:${port}`;
    await waitReady(`${url}/health/ready`, child, name);
    return { child, url };
  };
  const startReader = async (name, apiUrl, env) => {
    const port = await freePort();
    const child = start(path.join(root, 'apps/web/server.mjs'), {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      FOLIO_API_URL: `${apiUrl}/graphql`,
      LOG_LEVEL: 'warn',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      FORWARDED_ADDRESS_SECRET: FORWARDING_SECRET,
      ...env,
    });
    const url = `http://127.0.0.1:${port}`;
    await waitReady(`${url}/health/ready`, child, name);
    return { child, url };
  };
  const { child: api, url: apiUrl } = await startApi('API', { RESPONSE_CACHE_MB: '0' });
  const { child: apiCached, url: apiCachedUrl } = await startApi('cached API', {});
  const { child: web, url: webUrl } = await startReader('reader', apiUrl, {
    READER_PAGE_CACHE_MB: '0',
  });
  const { child: webCached, url: webCachedUrl } = await startReader(
    'cached reader',
    apiCachedUrl,
    {},
  );
  const basePort = await freePort();

  const samplePage = await (await fetch(`${webUrl}/articles/${benchSlug(1, articles)}`)).text();
  const baseline = start(
    path.join(root, 'scripts/bench/baseline-server.mjs'),
    { DATABASE_URL: postgres.url, PORT: String(basePort), BASELINE_PAGE: samplePage },
    { ipc: true },
  );
  const baseUrl = `http://127.0.0.1:${basePort}`;
  await new Promise((resolve) => baseline.once('message', resolve));

  let n = 0;
  const graphqlRequest = (query, variables) => ({
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json' },
    setupRequest: (request) => ({
      ...request,
      body: JSON.stringify({ query, variables: variables(n++) }),
    }),
  });
  const ARTICLE = `query ($slug: String!) { article(slug: $slug) { slug title summary sections { heading anchor text blocks { __typename ... on Paragraph { inlines { text } } ... on List { items { text } } } } } }`;
  const NEWEST = `{ articles(first: 20) { edges { node { slug title summary publishedAt tags sectionCount } } } }`;
  const SEARCH = `query ($q: String!) { search(query: $q, first: 20) { edges { node { anchor rank snippet { text highlighted } article { slug title } } } } }`;
  const SUBMIT = `mutation ($input: SubmitReportInput!) { submitReport(input: $input) { receipt } }`;
  // The hot set: the 100 most read articles, as a front page and social links make them.
  const HOT_SET = 100;
  const hotSlug = (i) => benchSlug(i % HOT_SET, articles);
  const fixedSlug = benchSlug(1, articles);
  const etag = (await fetch(`${webCachedUrl}/articles/${fixedSlug}`)).headers.get('etag');
  const graphqlWorkload = (url, query, variables) => ({
    url,
    requests: [graphqlRequest(query, variables)],
  });
  const baselineArticle = (slugOf) => ({
    url: baseUrl,
    requests: [
      { method: 'GET', setupRequest: (r) => ({ ...r, path: `/article?slug=${slugOf(n++)}` }) },
    ],
  });
  const baselineSearch = {
    url: baseUrl,
    requests: [
      {
        method: 'GET',
        setupRequest: (r) => ({
          ...r,
          path: `/search?q=${encodeURIComponent(SEARCH_WORDS[n++ % SEARCH_WORDS.length])}`,
        }),
      },
    ],
  };
  const pages = (url, slugOf) => ({
    url,
    requests: [
      { method: 'GET', setupRequest: (r) => ({ ...r, path: `/articles/${slugOf(n++)}` }) },
    ],
  });
  const anySlug = (i) => benchSlug(i, articles);
  const searchWords = (i) => ({ q: SEARCH_WORDS[i % SEARCH_WORDS.length] });

  // Every receipt a client got back; each must be in the database afterwards.
  const acknowledged = [];
  const runId = Date.now().toString(36);
  const allWorkloads = [
    {
      id: 'W1',
      name: 'article(slug), all sections, uncached',
      pids: [api.pid],
      ours: graphqlWorkload(apiUrl, ARTICLE, (i) => ({ slug: anySlug(i) })),
      base: baselineArticle(anySlug),
    },
    {
      id: 'W1c',
      name: `article(slug), response cache, hot set of ${HOT_SET}`,
      pids: [apiCached.pid],
      ours: graphqlWorkload(apiCachedUrl, ARTICLE, (i) => ({ slug: hotSlug(i) })),
      base: baselineArticle(hotSlug),
    },
    {
      id: 'W2',
      name: 'articles(first: 20), tags, section counts, uncached',
      pids: [api.pid],
      ours: graphqlWorkload(apiUrl, NEWEST, () => ({})),
      base: { url: `${baseUrl}/newest` },
    },
    {
      id: 'W2c',
      name: 'articles(first: 20), response cache',
      pids: [apiCached.pid],
      ours: graphqlWorkload(apiCachedUrl, NEWEST, () => ({})),
      base: { url: `${baseUrl}/newest` },
    },
    {
      id: 'W3',
      name: 'SSR article page, nothing cached',
      pids: [api.pid, web.pid],
      ours: pages(webUrl, anySlug),
      base: { url: `${baseUrl}/page` },
    },
    {
      id: 'W3c',
      name: `SSR article page, page cache, hot set of ${HOT_SET}`,
      pids: [apiCached.pid, webCached.pid],
      ours: pages(webCachedUrl, hotSlug),
      base: { url: `${baseUrl}/page` },
    },
    {
      id: 'W3e',
      name: 'SSR article page, ETag revalidation (304)',
      pids: [apiCached.pid, webCached.pid],
      ours: {
        url: `${webCachedUrl}/articles/${fixedSlug}`,
        headers: { 'if-none-match': etag },
        expectStatus: 304,
      },
      base: { url: `${baseUrl}/page` },
    },
    {
      id: 'W4',
      name: 'submitReport, distinct keys and readers',
      pids: [apiCached.pid],
      ours: {
        url: apiCachedUrl,
        connections: 32,
        requests: [
          {
            method: 'POST',
            path: '/graphql',
            setupRequest: (request) => {
              const i = n++;
              return {
                ...request,
                headers: {
                  'content-type': 'application/json',
                  'x-folio-reader-address': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
                  'x-folio-forwarding-secret': FORWARDING_SECRET,
                },
                body: JSON.stringify({
                  query: SUBMIT,
                  variables: {
                    input: {
                      articleSlug: anySlug(i),
                      reason: 'SPAM',
                      idempotencyKey: `bench-w4-${runId}-${i}`,
                    },
                  },
                }),
              };
            },
            onResponse: (status, body) => {
              const receipt =
                status === 200 ? /"receipt":"(R-[0-9A-Z]{10})"/.exec(body)?.[1] : undefined;
              if (receipt) acknowledged.push(receipt);
            },
          },
        ],
      },
    },
    {
      id: 'W5',
      name: 'search, common words, uncached',
      pids: [api.pid],
      ours: graphqlWorkload(apiUrl, SEARCH, searchWords),
      base: baselineSearch,
    },
    {
      id: 'W5c',
      name: 'search, common words, response cache',
      pids: [apiCached.pid],
      ours: graphqlWorkload(apiCachedUrl, SEARCH, searchWords),
      base: baselineSearch,
    },
  ];
  const selected = args.workloads?.split(',').map((id) => id.trim());
  const workloads = selected
    ? allWorkloads.filter((workload) => selected.includes(workload.id))
    : allWorkloads;

  const rows = [];
  for (const workload of workloads) {
    log(`${workload.id} ${workload.name}`);
    const ours = await measure(workload.ours, { ...timing, pids: workload.pids, sqlCalls });
    const base = workload.base
      ? await measure(workload.base, { ...timing, pids: [baseline.pid], sqlCalls })
      : null;
    rows.push({
      id: workload.id,
      name: workload.name,
      ours,
      baseline: base,
      ratio: base ? Number((ours.rps / base.rps).toFixed(2)) : null,
    });
  }
  const [{ stored, duplicated }] = (
    await client.query(
      `SELECT count(*) FILTER (WHERE receipt = ANY($1))::int AS stored,
              (count(*) - count(DISTINCT idempotency_key))::int AS duplicated
         FROM reports WHERE idempotency_key LIKE $2`,
      [acknowledged, `bench-w4-${runId}-%`],
    )
  ).rows;
  const memory = {
    apiPeakRssMb: peakRssMb(api.pid),
    cachedApiPeakRssMb: peakRssMb(apiCached.pid),
    webPeakRssMb: peakRssMb(web.pid),
    cachedWebPeakRssMb: peakRssMb(webCached.pid),
    baselinePeakRssMb: peakRssMb(baseline.pid),
  };

  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
  const result = {
    date: new Date().toISOString(),
    articles,
    quick,
    timing,
    machine,
    workloads: rows,
    reports: {
      acknowledged: acknowledged.length,
      stored,
      lost: acknowledged.length - stored,
      duplicated,
    },
    memory,
  };
  await mkdir(path.join(root, 'bench/results'), { recursive: true });
  const file = path.join(
    root,
    'bench/results',
    `${result.date.replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`,
  );
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  await client.end();

  console.log(table(result));
  console.log(`\nJSON: ${path.relative(root, file)}`);
  await stopAll(postgres);
}

function table({ articles, machine, workloads, reports, memory, timing }) {
  const lines = [
    `Folio benchmark: ${articles} articles x 8 sections; ${machine.cpus} cores (${machine.cpuModel}), Node ${machine.node}; median of ${timing.runs} runs of ${timing.duration} s at 32 connections after a ${timing.warmup} s warm-up.`,
    '',
    '| workload | req/s | p50 ms | p99 ms | non-2xx | SQL/req | CPU ms/req | baseline req/s | ours / baseline |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const { id, name, ours, baseline, ratio } of workloads) {
    lines.push(
      `| ${id} ${name} | ${ours.rps} | ${ours.p50} | ${ours.p99} | ${ours.non2xx} | ${ours.sqlPerRequest ?? 'n/a'} | ${ours.cpuMsPerRequest} | ${baseline?.rps ?? '—'} | ${ratio ?? '—'} |`,
    );
  }
  lines.push(
    '',
    `Reports (W4): ${reports.acknowledged} acknowledged to clients, ${reports.stored} of them in the database: ${reports.lost} lost, ${reports.duplicated} duplicated.`,
  );
  lines.push(
    `Peak RSS: API ${memory.apiPeakRssMb} MB (with its cache ${memory.cachedApiPeakRssMb} MB), reader ${memory.webPeakRssMb} MB (with its cache ${memory.cachedWebPeakRssMb} MB); baseline ${memory.baselinePeakRssMb} MB.`,
  );
  return lines.join('\n');
}

async function stopAll(postgres) {
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
        }),
    ),
  );
  await postgres?.stop();
}

main().catch(async (error) => {
  console.error(error);
  for (const child of children) child.kill('SIGKILL');
  process.exit(1);
});
