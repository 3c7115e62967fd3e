#!/usr/bin/env node
// `node scripts/bench/statement-plans.mjs [--articles 10000] [--requests 200]`: which SQL
// statements PostgreSQL plans on every execution. PostgreSQL makes five custom plans of a
// prepared statement and keeps its generic plan only if that looks no dearer; when it never
// does (a `LIMIT $n`, an array whose length a custom plan counts), a hot statement is planned
// again on every request, which can cost more than running it. This starts the uncached API
// and reader on the bench's dataset (pg_stat_statements with track_planning on), sends W1,
// W2, W3, W5 and W4 traffic at four clients each, and prints every statement's calls against
// its plans, with planning and execution time per call.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FORWARDED_ADDRESS_HEADER, FORWARDING_SECRET_HEADER } from '@folio/contract';
import { benchSlug, searchQueries } from './dataset.mjs';
import { prepareDatabase } from './database.mjs';
import { nodeBinary, nodeVersion } from './node-binary.mjs';
import { killChildren, stopChildren } from './processes.mjs';
import { FORWARDING_SECRET, startApi, startReader } from './servers.mjs';
import { ARTICLE, NEWEST, SEARCH } from './workloads.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLIENTS = 4;
const SUBMIT = `mutation ($input: SubmitReportInput!) { submitReport(input: $input) { receipt } }`;

async function main() {
  const { values } = parseArgs({
    options: {
      articles: { type: 'string', default: '10000' },
      requests: { type: 'string', default: '200' },
    },
  });
  const articles = Number(values.articles);
  const perWorkload = Number(values.requests);
  const { postgres, client } = await prepareDatabase(root, articles, {
    settings: ['pg_stat_statements.track_planning=on'],
  });
  const execPath = await nodeBinary(root, nodeVersion('24'));
  const api = await startApi(root, 'API', postgres.url, { RESPONSE_CACHE_MB: '0' }, { execPath });
  const web = await startReader(
    root,
    'reader',
    api.url,
    { READER_PAGE_CACHE_MB: '0' },
    { execPath },
  );
  const queries = await searchQueries(client);
  await client.query('SELECT pg_stat_statements_reset()');

  const graphql = async (query, variables, headers = {}) => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    if (!response.ok) throw new Error(`${response.status}: ${await response.text()}`);
    await response.text();
  };
  let n = 0;
  const run = (send) =>
    Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let i = 0; i < perWorkload / CLIENTS; i++) await send(n++);
      }),
    );
  const runId = Date.now().toString(36);
  await run((i) => graphql(ARTICLE, { slug: benchSlug(i, articles) }));
  await run(() => graphql(NEWEST, {}));
  await run(async (i) => {
    const page = await fetch(`${web.url}/articles/${benchSlug(i, articles)}`);
    if (!page.ok) throw new Error(`page ${page.status}`);
    await page.text();
  });
  await run((i) => graphql(SEARCH, { q: queries[i % queries.length] }));
  await run((i) =>
    graphql(
      SUBMIT,
      {
        input: {
          articleSlug: benchSlug(i, articles),
          reason: 'SPAM',
          idempotencyKey: `plans-${runId}-${i}`,
        },
      },
      {
        [FORWARDED_ADDRESS_HEADER]: `10.9.${(i >> 8) & 255}.${i & 255}`,
        [FORWARDING_SECRET_HEADER]: FORWARDING_SECRET,
      },
    ),
  );

  const { rows } = await client.query(
    `SELECT calls::int, plans::int,
            round((total_plan_time / greatest(plans, 1))::numeric, 3)::float AS "plan ms",
            round((total_exec_time / calls)::numeric, 3)::float AS "exec ms",
            left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS statement
       FROM pg_stat_statements
      WHERE calls >= $1 AND query NOT ILIKE '%pg_stat_statements%'
      ORDER BY total_plan_time + total_exec_time DESC
      LIMIT 20`,
    [perWorkload / 10],
  );
  console.table(rows);
  console.log(
    'A statement whose plans keep pace with its calls is planned on every execution: see README, Benchmark, "Round six".',
  );
  await client.end();
  await stopChildren();
  await postgres.stop();
}

main().catch(async (error) => {
  console.error(error);
  killChildren();
  process.exit(1);
});
