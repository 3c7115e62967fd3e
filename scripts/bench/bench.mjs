#!/usr/bin/env node
// `npm run bench [-- --quick] [-- --articles N]`: Folio against a bare baseline on the same
// machine, in the same run. See the README's "Benchmark" section for how to read the output.
// The steps, one module each: options -> database (and dataset) -> servers -> workloads -> report.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { searchQueries } from './dataset.mjs';
import { prepareDatabase } from './database.mjs';
import { nodeVersion } from './node-binary.mjs';
import { benchOptions } from './options.mjs';
import { checkPeerAnswers } from './peer.mjs';
import { killChildren, stopChildren } from './processes.mjs';
import { checkReports, machine, peakMemory, table, writeResult } from './report.mjs';
import { searchAlone } from './search-alone.mjs';
import { startServers } from './servers.mjs';
import { summariseProfiles } from './profile.mjs';
import { ARTICLE, NEWEST, defineWorkloads, runWorkloads } from './workloads.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function main() {
  const { quick, articles, timing, workloads: selected, profile, peer, node } = benchOptions();
  // checked before the dataset is built: a wrong --node fails at once
  const serversNode = node ? nodeVersion(node) : process.version.slice(1);
  const { postgres, client, sqlCalls } = await prepareDatabase(root, articles);
  // the peer only answers W1 and W2
  const peerWanted = peer && (!selected || selected.some((id) => id === 'W1' || id === 'W2'));
  const servers = await startServers(root, postgres.url, articles, {
    profile,
    peer: peerWanted,
    node: serversNode,
  });
  if (servers.peer) await checkPeerAnswers(servers, articles, { article: ARTICLE, newest: NEWEST });
  const queries = await searchQueries(client);
  const { workloads, acknowledged, runId } = await defineWorkloads(
    servers,
    articles,
    selected,
    queries,
  );
  const rows = await runWorkloads(workloads, {
    timing,
    baselinePid: servers.baseline.pid,
    peerPid: servers.peer?.pid,
    sqlCalls,
    dbCpu: postgres.cpuSeconds,
  });

  // with W5: its queries one at a time too, unloaded (the statement alone, and the API's search);
  // --quick only proves that this runs
  const alone = workloads.some((workload) => workload.id === 'W5')
    ? await searchAlone(client, servers.api, quick ? queries.slice(0, 100) : queries)
    : null;

  const reports = await checkReports(client, { acknowledged, runId });
  const result = {
    date: new Date().toISOString(),
    articles,
    quick,
    timing,
    machine: machine(),
    serversNode,
    workloads: rows,
    reports,
    memory: peakMemory(servers),
    searchAlone: alone,
    peer: servers.peer
      ? { postgraphile: servers.peer.version, node: servers.peer.node }
      : { skipped: servers.peerError ?? (peerWanted ? 'not run' : 'not asked for') },
  };
  const file = await writeResult(root, result);
  await client.end();

  console.log(table(result));
  console.log(`\nJSON: ${path.relative(root, file)}`);
  await stopChildren();
  await postgres.stop();
  if (profile) await summariseProfiles(profile);
}

main().catch(async (error) => {
  console.error(error);
  killChildren();
  process.exit(1);
});
