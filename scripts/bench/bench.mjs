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
  options: { quick: { type: 'boolean', default: false }, articles: { type: 'string' } },
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

  const [apiPort, webPort, basePort] = [await freePort(), await freePort(), await freePort()];
  const api = start(path.join(root, 'apps/api/dist/main.js'), {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(apiPort),
    DATABASE_URL: postgres.url,
    LOG_LEVEL: 'warn',
    MIGRATE_ON_START: 'false',
    SEED_CONTENT_DIR: '',
    REPORTER_KEY_SECRET: 'bench-reporter-key-secret-0123456789',
    FORWARDED_ADDRESS_SECRET: FORWARDING_SECRET,
    REPORT_RATE_LIMIT: '100000000',
  });
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  await waitReady(`${apiUrl}/health/ready`, api, 'API');
  const web = start(path.join(root, 'apps/web/server.mjs'), {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(webPort),
    FOLIO_API_URL: `${apiUrl}/graphql`,
    LOG_LEVEL: 'warn',
    PUBLIC_URL: `http://127.0.0.1:${webPort}`,
    FORWARDED_ADDRESS_SECRET: FORWARDING_SECRET,
  });
  const webUrl = `http://127.0.0.1:${webPort}`;
  await waitReady(`${webUrl}/health/ready`, web, 'reader');

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
  const fixedSlug = benchSlug(1, articles);
  const etag = (await fetch(`${webUrl}/articles/${fixedSlug}`)).headers.get('etag');

  // Every receipt a client got back; each must be in the database afterwards.
  const acknowledged = [];
  const runId = Date.now().toString(36);
  const workloads = [
    {
      id: 'W1',
      name: 'article(slug), all sections',
      pids: [api.pid],
      ours: {
        url: apiUrl,
        requests: [graphqlRequest(ARTICLE, (i) => ({ slug: benchSlug(i, articles) }))],
      },
      base: {
        url: baseUrl,
        requests: [
          {
            method: 'GET',
            setupRequest: (r) => ({ ...r, path: `/article?slug=${benchSlug(n++, articles)}` }),
          },
        ],
      },
    },
    {
      id: 'W2',
      name: 'articles(first: 20), tags, section counts',
      pids: [api.pid],
      ours: { url: apiUrl, requests: [graphqlRequest(NEWEST, () => ({}))] },
      base: { url: `${baseUrl}/newest` },
    },
    {
      id: 'W3',
      name: 'SSR article page, uncached',
      pids: [api.pid, web.pid],
      ours: {
        url: webUrl,
        requests: [
          {
            method: 'GET',
            setupRequest: (r) => ({ ...r, path: `/articles/${benchSlug(n++, articles)}` }),
          },
        ],
      },
      base: { url: `${baseUrl}/page` },
    },
    {
      id: 'W3c',
      name: 'SSR article page, ETag revalidation (304)',
      pids: [api.pid, web.pid],
      ours: {
        url: `${webUrl}/articles/${fixedSlug}`,
        headers: { 'if-none-match': etag },
        expectStatus: 304,
      },
      base: { url: `${baseUrl}/page` },
    },
    {
      id: 'W4',
      name: 'submitReport, distinct keys and readers',
      pids: [api.pid],
      ours: {
        url: apiUrl,
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
                      articleSlug: benchSlug(i, articles),
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
      name: 'search, common words',
      pids: [api.pid],
      ours: {
        url: apiUrl,
        requests: [graphqlRequest(SEARCH, (i) => ({ q: SEARCH_WORDS[i % SEARCH_WORDS.length] }))],
      },
      base: {
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
      },
    },
  ];

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
    webPeakRssMb: peakRssMb(web.pid),
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
    `Peak RSS: API ${memory.apiPeakRssMb} MB, reader ${memory.webPeakRssMb} MB (baseline ${memory.baselinePeakRssMb} MB).`,
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
