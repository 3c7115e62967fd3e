#!/usr/bin/env node
// One W4 run as long as the full bench's (a warm-up of 3 s and three runs of 10 s: 33 s), on a
// fresh copy of a dataset, sampled every few seconds, to see where a long run's cost goes:
// `node scripts/bench/w4-long.mjs [--data <folder>] [--articles 10000] [--seconds 33]
// [--reports N] [--every 10] [--root <checkout>] [--node 24] [--offset N] [--checkpoint-at S]
// [--port P] [--settings name=value,...]`.
// --data: a stopped PostgreSQL data folder holding a fresh bench dataset (without it, one of
// --articles is made first, as the bench makes it), copied afresh for each run so that every
// run meets the same database; --root: whose built API runs (its pending migrations are run
// on the copy first); --reports: a fixed number of reports instead of --seconds; --offset:
// W4's request counter at the start (in the full bench it carries on from the workloads
// before); --checkpoint-at: a CHECKPOINT S seconds in.
// Each sample prints reports/s, CPU per report (the API; PostgreSQL's split into backends,
// checkpointer, WAL writer, autovacuum and exited processes), WAL and full-page images per
// report, checkpoints, pages flagged, rows per batch, rows read by sequential scans per table,
// and the statements costing most per report; the end checks every receipt (lost,
// duplicated) and prints each table's live and dead tuples, scans, vacuums and sizes before
// and after.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { prepareDatabase } from './database.mjs';
import { childrenOf } from './postgres-cpu.mjs';
import { benchSlug } from './dataset.mjs';
import { CLOCK_TICKS, cpuSeconds, statFields } from './load.mjs';
import { nodeBinary, nodeVersion } from './node-binary.mjs';
import { killChildren, stopChildren } from './processes.mjs';
import { startApi } from './servers.mjs';
import { checkReports } from './report.mjs';
import { receiptOf, reportRequest } from './workloads.mjs';

const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TABLES = [
  'reports',
  'rate_limits',
  'article_moderation',
  'audit_events',
  'webhook_events',
  'webhook_deliveries',
  'articles',
];

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    articles: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '33' },
    // a fixed number of reports instead of a duration: both sides of a pair then meet the same
    // passes over the articles (and the same flag wave) whatever their rates
    reports: { type: 'string' },
    every: { type: 'string', default: '10' },
    root: { type: 'string', default: here },
    node: { type: 'string', default: '24' },
    offset: { type: 'string', default: '0' },
    'checkpoint-at': { type: 'string' },
    port: { type: 'string', default: '55443' },
    settings: { type: 'string', default: '' },
  },
});
const root = path.resolve(values.root);
const require = createRequire(path.join(root, 'package.json'));
const { startEmbeddedPostgres } = require(path.join(root, 'apps/api/dist/db/embedded.js'));

/** A fresh copy of the dataset, owned as the original (the embedded server runs as postgres). */
function copyData(from) {
  const to = path.join(here, '.data/w4-long-run');
  execFileSync('rm', ['-rf', to]);
  execFileSync('cp', ['-a', path.resolve(from), to]);
  execFileSync('rm', ['-f', path.join(to, 'postmaster.pid')]);
  return to;
}

/** Without --data: the bench's own dataset, made once (the bench's folder, then stopped). */
async function freshDataset(articles) {
  const { postgres, client } = await prepareDatabase(here, articles);
  await client.end();
  await postgres.stop();
  return path.join(here, '.data/bench-postgres');
}

/** CPU seconds of the postmaster's children by kind, and of those already exited. */
function postgresCpuByKind(dataDir) {
  const postmaster = readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0];
  const own = statFields(postmaster);
  const kinds = {
    postmaster: (Number(own[11]) + Number(own[12])) / CLOCK_TICKS,
    exited: (Number(own[13]) + Number(own[14])) / CLOCK_TICKS,
  };
  for (const { pid, fields } of childrenOf(postmaster)) {
    let title;
    try {
      title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    } catch {
      continue; // exited since
    }
    const kind = /checkpointer/.test(title)
      ? 'checkpointer'
      : /walwriter/.test(title)
        ? 'walwriter'
        : /autovacuum/.test(title)
          ? 'autovacuum'
          : /background writer/.test(title)
            ? 'bgwriter'
            : /postgres: \S+ \S+ \d/.test(title)
              ? 'backends'
              : 'other';
    kinds[kind] = (kinds[kind] ?? 0) + (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  }
  return kinds;
}

async function snapshot(client, dataDir, apiPid) {
  const q = async (sql) => (await client.query(sql)).rows;
  const [wal] = await q(
    `SELECT wal_records::bigint, wal_fpi::bigint, wal_bytes::bigint FROM pg_stat_wal`,
  );
  const [checkpoints] = await q(
    `SELECT num_timed::int, num_requested::int, num_done::int, buffers_written::bigint FROM pg_stat_checkpointer`,
  );
  const [flags] = await q(
    `SELECT count(*) FILTER (WHERE flagged_at IS NOT NULL)::int AS flagged FROM article_moderation`,
  );
  const statements = await q(
    `SELECT queryid::text AS id, calls::bigint, rows::bigint, total_exec_time AS ms,
            regexp_replace(query, '\\s+', ' ', 'g') AS query
       FROM pg_stat_statements WHERE query NOT ILIKE '%pg_stat%'`,
  );
  const tables = await q(
    `SELECT relname, n_live_tup::bigint AS live, n_dead_tup::bigint AS dead,
            n_tup_ins::bigint AS ins, n_tup_upd::bigint AS upd, n_tup_hot_upd::bigint AS hot,
            seq_scan::bigint AS seq, seq_tup_read::bigint AS seq_read, idx_scan::bigint AS idx,
            autovacuum_count::int AS vacuums, autoanalyze_count::int AS analyzes,
            pg_total_relation_size(relid)::bigint AS bytes,
            pg_relation_size(relid)::bigint AS heap
       FROM pg_stat_user_tables WHERE relname = ANY ($1)`.replace(
      '$1',
      `ARRAY['${TABLES.join("','")}']`,
    ),
  );
  return {
    at: Date.now(),
    wal,
    checkpoints,
    flagged: flags.flagged,
    statements: new Map(statements.map((s) => [s.id, s])),
    tables: new Map(tables.map((t) => [t.relname, t])),
    pg: postgresCpuByKind(dataDir),
    api: cpuSeconds(apiPid),
  };
}

const fixed = (x, digits = 3) => Number(x.toFixed(digits));

function delta(before, after, reports, acknowledgedPerSecond) {
  const seconds = (after.at - before.at) / 1000;
  const per = (x) => (reports ? x / reports : 0);
  const pgKinds = {};
  for (const kind of new Set([...Object.keys(before.pg), ...Object.keys(after.pg)]))
    pgKinds[kind] = fixed(per(((after.pg[kind] ?? 0) - (before.pg[kind] ?? 0)) * 1000));
  const pgTotal = Object.values(pgKinds).reduce((sum, x) => sum + x, 0);
  const statements = [];
  for (const [id, s] of after.statements) {
    const b = before.statements.get(id) ?? { calls: 0, rows: 0, ms: 0 };
    const calls = Number(s.calls) - Number(b.calls);
    if (calls === 0) continue;
    statements.push({
      query: s.query.slice(0, 90),
      files: /INSERT INTO reports/.test(s.query),
      calls,
      rowsPerCall: fixed((Number(s.rows) - Number(b.rows)) / calls, 2),
      execMsPerCall: fixed((s.ms - b.ms) / calls),
      execMsPerReport: fixed(per(s.ms - b.ms)),
    });
  }
  statements.sort((x, y) => y.execMsPerReport - x.execMsPerReport);
  const filing = statements.find((s) => s.files);
  return {
    seconds: fixed(seconds, 1),
    reportsPerSecond: Math.round(acknowledgedPerSecond),
    apiCpuMs: fixed(per((after.api - before.api) * 1000)),
    pgCpuMs: fixed(pgTotal),
    pgCpuMsByKind: pgKinds,
    walBytes: Math.round(per(after.wal.wal_bytes - before.wal.wal_bytes)),
    walFpi: fixed(per(after.wal.wal_fpi - before.wal.wal_fpi)),
    checkpoints:
      after.checkpoints.num_timed +
      after.checkpoints.num_requested -
      before.checkpoints.num_timed -
      before.checkpoints.num_requested,
    // a table read whole for each report grows the report's cost with the table
    seqRowsReadPerReport: Object.fromEntries(
      TABLES.map((name) => [
        name,
        fixed(
          per(Number(after.tables.get(name).seq_read) - Number(before.tables.get(name).seq_read)),
          1,
        ),
      ]).filter(([, rows]) => rows > 0),
    ),
    pagesFlagged: after.flagged,
    newlyFlagged: after.flagged - before.flagged,
    reportsPerBatch: filing ? filing.rowsPerCall : null,
    statementsPerReport: fixed(per(statements.reduce((sum, s) => sum + s.calls, 0)), 2),
    execMsPerReport: fixed(statements.reduce((sum, s) => sum + s.execMsPerReport, 0)),
    top: statements.slice(0, 6).map(({ files: _files, ...s }) => s),
  };
}

async function main() {
  const seconds = Number(values.seconds);
  const every = Number(values.every);
  const dataDir = copyData(values.data ?? (await freshDataset(Number(values.articles))));
  const settings = values.settings
    .split(',')
    .filter(Boolean)
    .flatMap((s) => ['-c', s]);
  const db = await startEmbeddedPostgres({
    dataDir,
    port: Number(values.port),
    database: 'folio_bench',
    postgresFlags: [
      '-c',
      'shared_preload_libraries=pg_stat_statements',
      '-c',
      'max_connections=200',
      ...settings,
    ],
  });
  // the measured build's migrations, on a dataset prepared by an older one
  const { createDataSource } = require(path.join(root, 'apps/api/dist/db/data-source.js'));
  const migrator = createDataSource({ url: db.url, poolMax: 1 });
  await migrator.initialize();
  const applied = await migrator.runMigrations({ transaction: 'each' });
  await migrator.destroy();
  if (applied.length) console.error(`[w4-long] migrated: ${applied.map((m) => m.name).join(', ')}`);
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  const [{ articles }] = (await client.query('SELECT count(*)::int AS articles FROM articles'))
    .rows;
  const execPath = await nodeBinary(here, nodeVersion(values.node));
  const api = await startApi(root, 'API', db.url, {}, { execPath });

  const acknowledged = [];
  const runId = Date.now().toString(36);
  let n = Number(values.offset);
  const load = {
    url: api.url,
    connections: 32,
    pipelining: 1,
    ...(values.reports ? { amount: Number(values.reports) } : { duration: seconds }),
    requests: [
      {
        method: 'POST',
        path: '/graphql',
        setupRequest: (request) => {
          const i = n++;
          return reportRequest(request, i, benchSlug(i, articles), `bench-w4-${runId}`);
        },
        onResponse: (status, body) => {
          const receipt = receiptOf(status, body);
          if (receipt) acknowledged.push(receipt);
        },
      },
    ],
  };

  await client.query('SELECT pg_stat_statements_reset()');
  const first = await snapshot(client, dataDir, api.pid);
  let previous = first;
  let previousCount = 0;
  const samples = [];
  const sampler = setInterval(async () => {
    const now = await snapshot(client, dataDir, api.pid);
    const reports = acknowledged.length - previousCount;
    const sample = delta(previous, now, reports, reports / ((now.at - previous.at) / 1000));
    sample.t = fixed((now.at - first.at) / 1000, 1);
    samples.push(sample);
    console.error(`[w4-long] ${JSON.stringify({ ...sample, top: undefined })}`);
    for (const s of sample.top) console.error(`           ${JSON.stringify(s)}`);
    previous = now;
    previousCount = acknowledged.length;
  }, every * 1000);
  const checkpointAt = values['checkpoint-at'];
  const checkpoint =
    checkpointAt !== undefined &&
    setTimeout(
      () => {
        console.error('[w4-long] CHECKPOINT');
        void client.query('CHECKPOINT');
      },
      Number(checkpointAt) * 1000,
    );
  const result = await new Promise((resolve, reject) =>
    autocannon(load, (error, r) => (error ? reject(error) : resolve(r))),
  );
  clearInterval(sampler);
  if (checkpoint) clearTimeout(checkpoint);
  const last = await snapshot(client, dataDir, api.pid);
  const elapsed = (last.at - first.at) / 1000;
  const whole = delta(first, last, acknowledged.length, acknowledged.length / elapsed);

  const check = await checkReports(client, { acknowledged, runId });
  console.log(
    `\nW4 for ${fixed(elapsed, 1)} s on ${articles} articles (root ${root}, offset ${values.offset})`,
  );
  console.log(
    `responses ${result.requests.total}, non-2xx ${result.non2xx}, errors ${result.errors}; receipts ${acknowledged.length}, lost ${check.lost}, duplicated ${check.duplicated}`,
  );
  console.log('\nper sample:');
  console.table(
    samples.map((s) => ({
      t: s.t,
      'rep/s': s.reportsPerSecond,
      'api ms': s.apiCpuMs,
      'pg ms': s.pgCpuMs,
      backends: s.pgCpuMsByKind.backends,
      ckpt: s.pgCpuMsByKind.checkpointer,
      walw: s.pgCpuMsByKind.walwriter,
      'av+exited': fixed((s.pgCpuMsByKind.autovacuum ?? 0) + (s.pgCpuMsByKind.exited ?? 0)),
      'exec ms': s.execMsPerReport,
      'stmts/rep': s.statementsPerReport,
      'WAL B': s.walBytes,
      fpi: s.walFpi,
      ckpts: s.checkpoints,
      flagged: s.pagesFlagged,
      batch: s.reportsPerBatch,
      'seq rows read/rep': JSON.stringify(s.seqRowsReadPerReport),
    })),
  );
  console.log('\nwhole run:', JSON.stringify({ ...whole, top: undefined }));
  console.table(whole.top);
  console.log('\ntables, before -> after:');
  console.table(
    TABLES.map((name) => {
      const b = first.tables.get(name);
      const a = last.tables.get(name);
      if (!a) return { table: name };
      return {
        table: name,
        live: `${b.live} -> ${a.live}`,
        dead: `${b.dead} -> ${a.dead}`,
        'seq scans (rows)': `${Number(a.seq) - Number(b.seq)} (${Number(a.seq_read) - Number(b.seq_read)})`,
        'idx scans': Number(a.idx ?? 0) - Number(b.idx ?? 0),
        'upd (hot)': `${Number(a.upd) - Number(b.upd)} (${Number(a.hot) - Number(b.hot)})`,
        'vacuums/analyzes': `${a.vacuums - b.vacuums}/${a.analyzes - b.analyzes}`,
        'MB total': `${fixed(b.bytes / 2 ** 20, 1)} -> ${fixed(a.bytes / 2 ** 20, 1)}`,
        'MB heap': `${fixed(b.heap / 2 ** 20, 1)} -> ${fixed(a.heap / 2 ** 20, 1)}`,
      };
    }),
  );
  await client.end();
  await stopChildren();
  await db.stop();
}

main().catch(async (error) => {
  console.error(error);
  killChildren();
  process.exit(1);
});
