// W5's queries one at a time, nothing else running: how long the search takes by itself, as
// opposed to W5's latency at 32 connections (where a request mostly waits behind the others).
// Twice: the search statement alone on PostgreSQL (./search-statement.mjs, prepared, as the
// API prepares its own), and the uncached API's search over HTTP (statement plus GraphQL).
import { log } from './options.mjs';
import { SEARCH_SQL } from './search-statement.mjs';
import { SEARCH } from './workloads.mjs';

function percentiles(ms) {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p) => Number(sorted[Math.ceil(p * sorted.length) - 1].toFixed(1));
  return { p50: at(0.5), p99: at(0.99), max: at(1) };
}

async function timeEach(queries, run) {
  for (const q of queries.slice(0, 20)) await run(q); // warm-up: plans, caches
  const ms = [];
  for (const q of queries) {
    const started = performance.now();
    await run(q);
    ms.push(performance.now() - started);
  }
  return percentiles(ms);
}

/** @returns {Promise<{ queries: number, statement: object, api: object }>} p50/p99/max in ms */
export async function searchAlone(client, api, queries) {
  log(`search alone: W5's ${queries.length} queries one at a time`);
  const statement = await timeEach(queries, (q) =>
    client.query({ name: 'search-alone', text: SEARCH_SQL, values: [q] }),
  );
  const viaApi = await timeEach(queries, async (q) => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: SEARCH, variables: { q } }),
    });
    const body = await response.json();
    if (!response.ok || body.errors) throw new Error(`search "${q}": ${JSON.stringify(body)}`);
  });
  return { queries: queries.length, statement, api: viaApi };
}
