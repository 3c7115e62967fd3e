// Runs one workload with autocannon: a warm-up, then N measured runs, reporting the median run,
// with the server processes' CPU time and the SQL statements PostgreSQL executed.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

export const CLOCK_TICKS = 100; // Linux USER_HZ

/** The fields of /proc/<pid>/stat after the process's name (fields[1] is its parent's pid). */
export function statFields(pid) {
  return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
}

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid) {
  const fields = statFields(pid);
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** Peak resident memory of a process, in MB (VmHWM). */
export function peakRssMb(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmHWM:'));
  return Math.round(Number(line.split(/\s+/)[1]) / 1024);
}

function fire(options) {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

function unexpected(result, expectStatus) {
  let count = 0;
  for (const [code, { count: n }] of Object.entries(result.statusCodeStats ?? {})) {
    const status = Number(code);
    if (!(status >= 200 && status < 300) && status !== expectStatus) count += n;
  }
  return count;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * @param {object} workload { url, connections, requests?, method?, headers?, body? }
 * @param {object} options { warmup, duration, runs, pids, sqlCalls, dbCpu }
 *   dbCpu: PostgreSQL's CPU seconds so far (./postgres-cpu.mjs), when it runs on this machine
 */
export async function measure(workload, { warmup, duration, runs, pids = [], sqlCalls, dbCpu }) {
  const base = {
    url: workload.url,
    connections: workload.connections ?? 32,
    pipelining: 1,
    method: workload.method ?? 'GET',
    headers: workload.headers,
    body: workload.body,
    requests: workload.requests,
  };
  if (warmup > 0) await fire({ ...base, duration: warmup });
  const results = [];
  for (let run = 0; run < runs; run++) {
    const cpuBefore = pids.map((pid) => cpuSeconds(pid));
    const sqlBefore = sqlCalls ? await sqlCalls() : 0;
    const dbBefore = dbCpu?.();
    const loadBefore = process.cpuUsage();
    const result = await fire({ ...base, duration });
    const load = process.cpuUsage(loadBefore);
    const db = dbCpu ? dbCpu() - dbBefore : undefined;
    const cpuEach = pids.map((pid, i) => cpuSeconds(pid) - cpuBefore[i]);
    const cpu = cpuEach.reduce((sum, seconds) => sum + seconds, 0);
    const sql = sqlCalls ? (await sqlCalls()) - sqlBefore : 0;
    const total = result.requests.total || 1;
    results.push({
      rps: Math.round(result.requests.average),
      p50: result.latency.p50,
      p99: result.latency.p99,
      // Responses other than 2xx (or the workload's expected status, e.g. 304), plus errors.
      non2xx: unexpected(result, workload.expectStatus) + result.errors + result.timeouts,
      requests: result.requests.total,
      cpuMsPerRequest: Number(((cpu * 1000) / total).toFixed(3)),
      // Each server's share, in the order of `pids` (W3: the API, then the reader).
      cpuMsPerRequestEach: cpuEach.map((seconds) => Number(((seconds * 1000) / total).toFixed(3))),
      sqlPerRequest: sqlCalls ? Number((sql / total).toFixed(2)) : null,
      // PostgreSQL's CPU per request: planning, execution, sending the rows, WAL
      dbCpuMsPerRequest: dbCpu ? Number(((db * 1000) / total).toFixed(3)) : null,
      // the load generator's (autocannon runs in this process): the rest of the machine's budget
      loadCpuMsPerRequest: Number(((load.user + load.system) / 1000 / total).toFixed(3)),
    });
  }
  const byRps = [...results].sort((a, b) => a.rps - b.rps);
  const mid = byRps[Math.floor(byRps.length / 2)];
  return {
    ...mid,
    p50: median(results.map((r) => r.p50)),
    p99: median(results.map((r) => r.p99)),
    runs: results,
  };
}
