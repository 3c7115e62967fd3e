// Step 4: what the run found: whether every acknowledged report was stored, memory, the
// machine; written as JSON to bench/results/ and as a Markdown table to stdout.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { peakRssMb } from './load.mjs';

/** W4's receipts against the database: none lost, none stored twice. */
export async function checkReports(client, { acknowledged, runId }) {
  const [{ stored, duplicated }] = (
    await client.query(
      `SELECT count(*) FILTER (WHERE receipt = ANY($1))::int AS stored,
              (count(*) - count(DISTINCT idempotency_key))::int AS duplicated
         FROM reports WHERE idempotency_key LIKE $2`,
      [acknowledged, `bench-w4-${runId}-%`],
    )
  ).rows;
  return {
    acknowledged: acknowledged.length,
    stored,
    lost: acknowledged.length - stored,
    duplicated,
  };
}

export function peakMemory({ api, apiCached, web, webCached, baseline }) {
  return {
    apiPeakRssMb: peakRssMb(api.pid),
    cachedApiPeakRssMb: peakRssMb(apiCached.pid),
    webPeakRssMb: peakRssMb(web.pid),
    cachedWebPeakRssMb: peakRssMb(webCached.pid),
    baselinePeakRssMb: peakRssMb(baseline.pid),
  };
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

export function table({ articles, machine, workloads, reports, memory, timing }) {
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
