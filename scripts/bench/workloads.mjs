// Step 3: the workloads (W1-W5), each against Folio and, where one exists, the baseline (and
// for W1 and W2 the peer, PostGraphile 5, when it runs).
import { FORWARDED_ADDRESS_HEADER, FORWARDING_SECRET_HEADER } from '@folio/contract';
import { benchSlug } from './dataset.mjs';
import { measure } from './load.mjs';
import { PEER_ARTICLE, PEER_NEWEST } from './peer.mjs';
import { log } from './options.mjs';
import { FORWARDING_SECRET } from './servers.mjs';

export const ARTICLE = `query ($slug: String!) { article(slug: $slug) { slug title summary sections { heading anchor text blocks { __typename ... on Paragraph { inlines { text } } ... on List { items { text } } } } } }`;
export const NEWEST = `{ articles(first: 20) { edges { node { slug title summary publishedAt tags sectionCount } } } }`;
export const SEARCH = `query ($q: String!) { search(query: $q, first: 20) { edges { node { anchor rank snippet { text highlighted } article { slug title } } } } }`;
const SUBMIT = `mutation ($input: SubmitReportInput!) { submitReport(input: $input) { receipt } }`;
// The hot set: the 100 most read articles, as a front page and social links make them.
const HOT_SET = 100;

/**
 * W4's request number `i`: a report of `articleSlug`, idempotency key `${keyPrefix}-${i}`, from
 * reader network 10.x.y.z through the forwarding proxy's headers, so each /24 files 256
 * reports and every request comes from another reader.
 */
export function reportRequest(request, i, articleSlug, keyPrefix) {
  return {
    ...request,
    headers: {
      'content-type': 'application/json',
      [FORWARDED_ADDRESS_HEADER]: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      [FORWARDING_SECRET_HEADER]: FORWARDING_SECRET,
    },
    body: JSON.stringify({
      query: SUBMIT,
      variables: { input: { articleSlug, reason: 'SPAM', idempotencyKey: `${keyPrefix}-${i}` } },
    }),
  };
}

/** The receipt a W4 response acknowledged to its client, if it did. */
export function receiptOf(status, body) {
  return status === 200 ? /"receipt":"(R-[0-9A-Z]{10})"/.exec(body)?.[1] : undefined;
}

/**
 * Every workload of this run (or those named by --workloads); W5 cycles through `queries`.
 * @returns {Promise<{ workloads: object[], acknowledged: string[], runId: string }>}
 *   acknowledged: every receipt a client got back from W4; each must be in the database.
 */
export async function defineWorkloads(servers, articles, selected, queries) {
  const { api, apiCached, web, webCached, baseline, peer } = servers;
  // One request counter across workloads, so each request asks for another article.
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
  const hotSlug = (i) => benchSlug(i % HOT_SET, articles);
  const anySlug = (i) => benchSlug(i, articles);
  const fixedSlug = benchSlug(1, articles);
  const etag = (await fetch(`${webCached.url}/articles/${fixedSlug}`)).headers.get('etag');
  const graphqlWorkload = (url, query, variables) => ({
    url,
    requests: [graphqlRequest(query, variables)],
  });
  const baselineArticle = (slugOf) => ({
    url: baseline.url,
    requests: [
      { method: 'GET', setupRequest: (r) => ({ ...r, path: `/article?slug=${slugOf(n++)}` }) },
    ],
  });
  const baselineSearch = {
    url: baseline.url,
    requests: [
      {
        method: 'GET',
        setupRequest: (r) => ({
          ...r,
          path: `/search?q=${encodeURIComponent(queries[n++ % queries.length])}`,
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
  const searchWords = (i) => ({ q: queries[i % queries.length] });

  const acknowledged = [];
  const runId = Date.now().toString(36);
  const submitReports = {
    url: apiCached.url,
    connections: 32,
    requests: [
      {
        method: 'POST',
        path: '/graphql',
        setupRequest: (request) => {
          const i = n++;
          return reportRequest(request, i, anySlug(i), `bench-w4-${runId}`);
        },
        onResponse: (status, body) => {
          const receipt = receiptOf(status, body);
          if (receipt) acknowledged.push(receipt);
        },
      },
    ],
  };

  const all = [
    {
      id: 'W1',
      name: 'article(slug), all sections, uncached',
      pids: [api.pid],
      ours: graphqlWorkload(api.url, ARTICLE, (i) => ({ slug: anySlug(i) })),
      base: baselineArticle(anySlug),
      peer: peer && graphqlWorkload(peer.url, PEER_ARTICLE, (i) => ({ slug: anySlug(i) })),
    },
    {
      id: 'W1c',
      name: `article(slug), response cache, hot set of ${HOT_SET}`,
      pids: [apiCached.pid],
      ours: graphqlWorkload(apiCached.url, ARTICLE, (i) => ({ slug: hotSlug(i) })),
      base: baselineArticle(hotSlug),
    },
    {
      id: 'W2',
      name: 'articles(first: 20), tags, section counts, uncached',
      pids: [api.pid],
      ours: graphqlWorkload(api.url, NEWEST, () => ({})),
      base: { url: `${baseline.url}/newest` },
      peer: peer && graphqlWorkload(peer.url, PEER_NEWEST, () => ({})),
    },
    {
      id: 'W2c',
      name: 'articles(first: 20), response cache',
      pids: [apiCached.pid],
      ours: graphqlWorkload(apiCached.url, NEWEST, () => ({})),
      base: { url: `${baseline.url}/newest` },
    },
    {
      id: 'W3',
      name: 'SSR article page, nothing cached',
      pids: [api.pid, web.pid],
      ours: pages(web.url, anySlug),
      base: { url: `${baseline.url}/page` },
    },
    {
      id: 'W3c',
      name: `SSR article page, page cache, hot set of ${HOT_SET}`,
      pids: [apiCached.pid, webCached.pid],
      ours: pages(webCached.url, hotSlug),
      base: { url: `${baseline.url}/page` },
    },
    {
      id: 'W3e',
      name: 'SSR article page, ETag revalidation (304)',
      pids: [apiCached.pid, webCached.pid],
      ours: {
        url: `${webCached.url}/articles/${fixedSlug}`,
        headers: { 'if-none-match': etag },
        expectStatus: 304,
      },
      base: { url: `${baseline.url}/page` },
    },
    {
      id: 'W4',
      name: 'submitReport, distinct keys and readers',
      pids: [apiCached.pid],
      ours: submitReports,
    },
    {
      id: 'W5',
      name: 'search, typed queries on real word frequencies, uncached',
      pids: [api.pid],
      ours: graphqlWorkload(api.url, SEARCH, searchWords),
      base: baselineSearch,
    },
    {
      id: 'W5c',
      name: 'search, typed queries on real word frequencies, response cache',
      pids: [apiCached.pid],
      ours: graphqlWorkload(apiCached.url, SEARCH, searchWords),
      base: baselineSearch,
    },
  ];
  const workloads = selected ? all.filter((workload) => selected.includes(workload.id)) : all;
  return { workloads, acknowledged, runId };
}

/** Measures each workload, then its baseline, then the peer; one row per workload. */
export async function runWorkloads(workloads, { timing, baselinePid, peerPid, sqlCalls, dbCpu }) {
  const rows = [];
  for (const workload of workloads) {
    log(`${workload.id} ${workload.name}`);
    const ours = await measure(workload.ours, { ...timing, pids: workload.pids, sqlCalls, dbCpu });
    const base = workload.base
      ? await measure(workload.base, { ...timing, pids: [baselinePid], sqlCalls, dbCpu })
      : null;
    const peer = workload.peer
      ? await measure(workload.peer, { ...timing, pids: [peerPid], sqlCalls, dbCpu })
      : null;
    rows.push({
      id: workload.id,
      name: workload.name,
      ours,
      baseline: base,
      ratio: base ? Number((ours.rps / base.rps).toFixed(2)) : null,
      peer,
      peerRatio: peer ? Number((ours.rps / peer.rps).toFixed(2)) : null,
    });
  }
  return rows;
}
