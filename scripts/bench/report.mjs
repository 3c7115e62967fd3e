// Step 4: what the run found: whether every acknowledged report was stored, memory, the
// machine; written as JSON to bench/results/ and as a Markdown table to stdout.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { peakRssMb } from './load.mjs';

/**
 * W4's receipts against the database: none lost, none stored twice. Also how many pages W4's
 * reports flagged for moderators (the dataset starts with none): each flag costs the batch
 * statements of its own, and a long enough W4 flags every page, which no real site sees.
 */
export async function checkReports(client, { acknowledged, runId }) {
  const [{ stored, duplicated, pagesFlagged }] = (
    await client.query(
      `SELECT count(*) FILTER (WHERE receipt = ANY($1))::int AS stored,
              (count(*) - count(DISTINCT idempotency_key))::int AS duplicated,
              (SELECT count(*)::int FROM article_moderation WHERE flagged_at IS NOT NULL)
                AS "pagesFlagged"
         FROM reports WHERE idempotency_key LIKE $2`,
      [acknowledged, `bench-w4-${runId}-%`],
    )
  ).rows;
  return {
    acknowledged: acknowledged.length,
    stored,
    lost: acknowledged.length - stored,
    duplicated,
    pagesFlagged,
  };
}

export function peakMemory({ api, apiCached, web, webCached, baseline, peer }) {
  return {
    apiPeakRssMb: peakRssMb(api.pid),
    cachedApiPeakRssMb: peakRssMb(apiCached.pid),
    webPeakRssMb: peakRssMb(web.pid),
    cachedWebPeakRssMb: peakRssMb(webCached.pid),
    baselinePeakRssMb: peakRssMb(baseline.pid),
    peerPeakRssMb: peer ? peakRssMb(peer.pid) : null,
  };
}

/** One line per server: its peak RSS over the whole run. */
function memoryLines(memory, peer) {
  const servers = [
    ['API, uncached', memory.apiPeakRssMb],
    ['API, response cache', memory.cachedApiPeakRssMb],
    ['reader, uncached', memory.webPeakRssMb],
    ['reader, page cache', memory.cachedWebPeakRssMb],
    ['baseline', memory.baselinePeakRssMb],
    [`PostGraphile (peer)`, memory.peerPeakRssMb],
  ];
  return [
    'Peak RSS per server (VmHWM, over the whole run):',
    '',
    ...servers.map(([name, mb]) =>
      mb === null || mb === undefined
        ? `- ${name}: not run (${peer.skipped})`
        : `- ${name}: ${mb} MB`,
    ),
  ];
}

export function machine() {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
}

/** Writes bench/results/<date>[-quick].json; returns its path. */
export async function writeResult(root, result) {
  await mkdir(path.join(root, 'bench/results'), { recursive: true });
  const file = path.join(
    root,
    'bench/results',
    `${result.date.replace(/[:.]/g, '-')}${result.quick ? '-quick' : ''}.json`,
  );
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

export function table({
  articles,
  machine,
  serversNode,
  workloads,
  reports,
  memory,
  timing,
  peer,
  searchAlone,
}) {
  const lines = [
    `Folio benchmark: ${articles} articles x 8 sections; ${machine.cpus} cores (${machine.cpuModel}); servers on Node ${serversNode ?? machine.node.slice(1)} (the bench on ${machine.node}); median of ${timing.runs} runs of ${timing.duration} s at 32 connections after a ${timing.warmup} s warm-up.`,
    peer.postgraphile
      ? `Peer: PostGraphile ${peer.postgraphile} on Node ${peer.node}, same database, W1 and W2 only.`
      : `Peer (PostGraphile): not run (${peer.skipped}).`,
    '',
    '| workload | req/s | p50 ms | p99 ms | non-2xx | SQL/req | CPU ms/req | PostgreSQL CPU ms/req | baseline req/s | baseline PostgreSQL CPU ms/req | ours / baseline | PostGraphile req/s | PostGraphile CPU ms/req | ours / PostGraphile |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const { id, name, ours, baseline, ratio, peer: theirs, peerRatio } of workloads) {
    lines.push(
      `| ${id} ${name} | ${ours.rps} | ${ours.p50} | ${ours.p99} | ${ours.non2xx} | ${ours.sqlPerRequest ?? 'n/a'} | ${ours.cpuMsPerRequest} | ${ours.dbCpuMsPerRequest ?? 'n/a'} | ${baseline?.rps ?? '—'} | ${baseline?.dbCpuMsPerRequest ?? '—'} | ${ratio ?? '—'} | ${theirs?.rps ?? '—'} | ${theirs?.cpuMsPerRequest ?? '—'} | ${peerRatio ?? '—'} |`,
    );
  }
  lines.push('');
  if (workloads.some((row) => row.id === 'W4'))
    lines.push(
      `Reports (W4): ${reports.acknowledged} acknowledged to clients, ${reports.stored} of them in the database: ${reports.lost} lost, ${reports.duplicated} duplicated; ${reports.pagesFlagged} pages flagged for moderators on the way.`,
    );
  if (searchAlone) {
    const { queries, statement: s, api } = searchAlone;
    lines.push(
      `Search alone (W5's ${queries} queries one at a time, no other load from the bench): the statement on PostgreSQL p50 ${s.p50} ms, p99 ${s.p99} ms, max ${s.max} ms; through the uncached API p50 ${api.p50} ms, p99 ${api.p99} ms, max ${api.max} ms.`,
    );
  }
  lines.push('', ...memoryLines(memory, peer));
  return lines.join('\n');
}
