#!/usr/bin/env node
// Paired A/B runs of the uncached API and reader under two ways of starting them (environment,
// Node flags, Node version): `node scripts/bench/ab.mjs --a='node=20' --b='node=24'
// [--pairs 6] [--seconds 8] [--articles 2000] [--workloads W1,W2,W3,W4]` (`--a=...` with the
// equals sign when the variant starts with a dash). A variant is space-separated tokens:
// `node=<major or version>`, `root=<checkout>` (run that checkout's built servers instead of
// this one's, to pair two builds: e.g. a worktree of main against a branch), `NAME=value`
// (environment; `NAME=` unsets it) and `--flag` (a Node flag; `api:--flag`, `web:NAME=value`:
// for that server only), on top of the runtime every server ships with (../server-runtime.json; `NODE_OPTIONS=`
// and `MALLOC_ARENA_MAX=` measure without it, `--heap-growing-percent=0` without its V8 flag, `api:--maglev` with Maglev again). Each pair starts a fresh API and reader per
// variant (alternating which goes first), runs the same load on each, and records CPU ms per
// request (and PostgreSQL's, when it runs here) and peak RSS (VmHWM) with the anonymous/file split of /proc/<pid>/smaps_rollup; the
// summary gives the paired B/A medians and how many pairs agreed. For levers on a shared
// machine, where absolute req/s swing 3x but paired ratios and RSS hold.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchSlug } from './dataset.mjs';
import { prepareDatabase } from './database.mjs';
import { measure, peakRssMb } from './load.mjs';
import { log } from './options.mjs';
import { nodeBinary, nodeVersion } from './node-binary.mjs';
import { killChildren } from './processes.mjs';
import { startApi, startReader } from './servers.mjs';
import { ARTICLE, NEWEST, reportRequest } from './workloads.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** 'node=24 MALLOC_ARENA_MAX=2 --max-semi-space-size=16' -> { node, env, nodeArgs } */
function parseVariant(text) {
  const server = () => ({ env: {}, nodeArgs: [] });
  const variant = { label: text, node: undefined, root, api: server(), web: server() };
  for (const whole of text.split(/\s+/).filter(Boolean)) {
    // `api:` or `web:` before an environment variable or a flag: for that server only
    const [, only, token] = /^(?:(api|web):)?(.*)$/.exec(whole);
    const servers = only ? [variant[only]] : [variant.api, variant.web];
    if (token.startsWith('--')) for (const one of servers) one.nodeArgs.push(token);
    else if (!only && token.startsWith('node=')) variant.node = nodeVersion(token.slice(5));
    else if (!only && token.startsWith('root=')) variant.root = path.resolve(token.slice(5));
    else if (token.includes('=')) {
      const [name, ...value] = token.split('=');
      // `NAME=`: not set at all (child_process leaves out undefined values)
      for (const one of servers) one.env[name] = value.join('=') || undefined;
    } else throw new Error(`variant token "${whole}": expected node=, NAME=value or --flag`);
  }
  return variant;
}

/** Resident memory by kind, in MB, from /proc/<pid>/smaps_rollup. */
function residentMb(pid) {
  const fields = {};
  for (const line of readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8').split('\n')) {
    const match = /^(\w+):\s+(\d+) kB/.exec(line);
    if (match) fields[match[1]] = Math.round(Number(match[2]) / 1024);
  }
  return { rss: fields.Rss, anonymous: fields.Anonymous, file: fields.Rss - fields.Anonymous };
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

function workloadsFor(api, web, articles) {
  let n = 0;
  const graphql = (query, variables) => ({
    url: api.url,
    requests: [
      {
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json' },
        setupRequest: (r) => ({ ...r, body: JSON.stringify({ query, variables: variables(n++) }) }),
      },
    ],
  });
  const slug = (i) => benchSlug(i, articles);
  const runId = Date.now().toString(36);
  return {
    W1: { pids: [api.pid], load: graphql(ARTICLE, (i) => ({ slug: slug(i) })) },
    W2: { pids: [api.pid], load: graphql(NEWEST, () => ({})) },
    W3: {
      pids: [api.pid, web.pid],
      load: {
        url: web.url,
        requests: [
          { method: 'GET', setupRequest: (r) => ({ ...r, path: `/articles/${slug(n++)}` }) },
        ],
      },
    },
    W4: {
      pids: [api.pid],
      load: {
        url: api.url,
        requests: [
          {
            method: 'POST',
            path: '/graphql',
            setupRequest: (r) => {
              const i = n++;
              return reportRequest(r, i, slug(i), `ab-${runId}`);
            },
          },
        ],
      },
    },
  };
}

async function runVariant(variant, postgres, { articles, workloads, seconds }) {
  const databaseUrl = postgres.url;
  const execPath = variant.node ? await nodeBinary(root, variant.node) : process.execPath;
  const apiEnv = { RESPONSE_CACHE_MB: '0', ...variant.api.env };
  const readerEnv = { READER_PAGE_CACHE_MB: '0', ...variant.web.env };
  const api = await startApi(variant.root, 'API', databaseUrl, apiEnv, {
    nodeArgs: variant.api.nodeArgs,
    execPath,
  });
  const web = await startReader(variant.root, 'reader', api.url, readerEnv, {
    nodeArgs: variant.web.nodeArgs,
    execPath,
  });
  const idle = { api: residentMb(api.pid), web: residentMb(web.pid) };
  const all = workloadsFor(api, web, articles);
  const result = { idle, workloads: {} };
  for (const id of workloads) {
    const { pids, load } = all[id];
    const row = await measure(load, {
      warmup: 2,
      duration: seconds,
      runs: 1,
      pids,
      dbCpu: postgres.cpuSeconds,
    });
    result.workloads[id] = {
      rps: row.rps,
      cpuMsPerRequest: row.cpuMsPerRequest,
      cpuMsPerRequestEach: row.cpuMsPerRequestEach,
      dbCpuMsPerRequest: row.dbCpuMsPerRequest,
      non2xx: row.non2xx,
    };
  }
  result.peak = {
    api: { hwm: peakRssMb(api.pid), ...residentMb(api.pid) },
    web: { hwm: peakRssMb(web.pid), ...residentMb(web.pid) },
  };
  await stop(web.child);
  await stop(api.child);
  return result;
}

const round = (x) => Number(x.toFixed(3));

const median = (values) => {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function summary(pairs, workloads) {
  const lines = [
    '| figure | A median | B median | B/A median | pairs with B lower |',
    '| --- | ---: | ---: | ---: | ---: |',
  ];
  const figure = (name, get) => {
    const a = pairs.map((p) => get(p.a));
    const b = pairs.map((p) => get(p.b));
    const ratios = pairs.map((_, i) => b[i] / a[i]);
    const lower = ratios.filter((r) => r < 1).length;
    lines.push(
      `| ${name} | ${round(median(a))} | ${round(median(b))} | ${median(ratios).toFixed(2)} | ${lower} of ${pairs.length} |`,
    );
  };
  for (const id of workloads) {
    figure(`${id} CPU ms/req`, (r) => r.workloads[id].cpuMsPerRequest);
    if (id === 'W3') {
      // W3 loads two servers: their shares apart (pids are [api, web]).
      figure('W3 API CPU ms/req', (r) => r.workloads[id].cpuMsPerRequestEach[0]);
      figure('W3 reader CPU ms/req', (r) => r.workloads[id].cpuMsPerRequestEach[1]);
    }
    if (pairs[0].a.workloads[id].dbCpuMsPerRequest !== null)
      figure(`${id} PostgreSQL CPU ms/req`, (r) => r.workloads[id].dbCpuMsPerRequest);
    figure(`${id} req/s`, (r) => r.workloads[id].rps);
  }
  figure('API peak RSS MB', (r) => r.peak.api.hwm);
  figure('API anonymous MB at end', (r) => r.peak.api.anonymous);
  figure('API idle RSS MB', (r) => r.idle.api.rss);
  figure('reader peak RSS MB', (r) => r.peak.web.hwm);
  figure('reader anonymous MB at end', (r) => r.peak.web.anonymous);
  figure('reader idle RSS MB', (r) => r.idle.web.rss);
  return lines.join('\n');
}

async function main() {
  const { values } = parseArgs({
    options: {
      a: { type: 'string', default: '' },
      b: { type: 'string', default: '' },
      pairs: { type: 'string', default: '6' },
      seconds: { type: 'string', default: '8' },
      articles: { type: 'string', default: '2000' },
      workloads: { type: 'string', default: 'W1,W2,W3' },
    },
  });
  const a = parseVariant(values.a);
  const b = parseVariant(values.b);
  const options = {
    articles: Number(values.articles),
    seconds: Number(values.seconds),
    workloads: values.workloads.split(','),
  };
  const { postgres, client } = await prepareDatabase(root, options.articles);
  const pairs = [];
  for (let i = 0; i < Number(values.pairs); i++) {
    // alternate which goes first, so a drift in the machine's load favours neither
    const order = i % 2 ? ['b', 'a'] : ['a', 'b'];
    const pair = {};
    for (const side of order) {
      pair[side] = await runVariant(side === 'a' ? a : b, postgres, options);
      log(`pair ${i + 1} ${side}: ${JSON.stringify(pair[side])}`);
    }
    pairs.push(pair);
  }
  await client.end();
  await postgres.stop();
  console.log(
    `A: ${a.label || '(as the bench starts them)'}\nB: ${b.label || '(as the bench starts them)'}`,
  );
  console.log(
    `${pairs.length} pairs, ${options.seconds} s per workload after a 2 s warm-up, ${options.articles} articles\n`,
  );
  console.log(summary(pairs, options.workloads));
}

main().catch((error) => {
  console.error(error);
  killChildren();
  process.exit(1);
});
