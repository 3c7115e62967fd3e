// `--profile`: the uncached API and reader ran under `node --cpu-prof`; this sums each
// profile's self time by layer (where the frame's code lives), so the README can say what
// share of a request is HTTP, GraphQL, type-graphql, SQL, JSON, React or Remix.
// Also runnable alone: `node scripts/bench/profile.mjs bench/profiles/<run>`.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { log } from './options.mjs';

/** The layer a frame belongs to, from its script URL and function name. */
export function layerOf({ url, functionName }) {
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(garbage collector)') return 'GC';
  if (functionName === '(program)') return 'V8/native (program)';
  if (/^(parse|stringify)$/.test(functionName) && !url) return 'JSON';
  if (url.includes('/node_modules/graphql/language/')) return 'GraphQL parse';
  if (url.includes('/node_modules/graphql/validation/')) return 'GraphQL validate';
  if (url.includes('/node_modules/graphql/execution/')) return 'GraphQL execute';
  if (url.includes('/node_modules/graphql/')) return 'GraphQL other';
  if (url.includes('/node_modules/type-graphql/')) return 'type-graphql';
  if (url.includes('/node_modules/@apollo/')) return 'Apollo Server';
  if (/\/node_modules\/(pg|pg-protocol|pg-types|pg-pool|postgres-[a-z]+)\//.test(url))
    return 'SQL client (pg)';
  if (url.includes('/node_modules/typeorm/')) return 'TypeORM';
  if (url.includes('/node_modules/react-dom/') || url.includes('/node_modules/react/'))
    return 'React render';
  if (url.includes('/node_modules/@remix-run/')) return 'Remix';
  if (url.includes('/node_modules/express/') || url.includes('/node_modules/router/'))
    return 'Express';
  if (/^node:(_http|http|net|stream|internal\/(http|stream|streams|net))/.test(url))
    return 'HTTP (node)';
  if (/^node:internal\/(process\/task_queues|async_hooks|timers)/.test(url))
    return 'node: async scheduling';
  if (url.startsWith('node:internal/deps/undici')) return 'fetch (undici)';
  if (/^node:internal\/(modules|bootstrap|deps\/cjs-module-lexer)/.test(url)) return 'startup';
  if (url.startsWith('node:'))
    return `node: ${
      url
        .slice(5)
        .replace(/^internal\//, '')
        .split('/')[0]
    }`;
  const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) return `npm: ${pkg[1]}`;
  if (url.includes('/apps/api/')) return 'Folio API code';
  if (url.includes('/apps/web/')) return 'Folio reader code';
  if (url.includes('/packages/')) return 'Folio packages';
  if (!url) return undefined; // native: counted with its caller
  return 'other';
}

/** { layer: share of busy (non-idle) time, percent }, largest first. */
export function summarise(profile) {
  const self = new Map();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parents.set(child, node.id);
  // A native frame (writev, JSON.parse...) counts for the layer of the JavaScript that called it.
  const layerFor = (id) => {
    if (/^write(v|Buffer|Utf8String)$/.test(byId.get(id).callFrame.functionName))
      return socketWriter(id);
    for (let at = id; at !== undefined; at = parents.get(at)) {
      const layer = layerOf(byId.get(at).callFrame);
      if (layer) return layer;
    }
    return 'native (no caller)';
  };
  // Socket writes are the kernel's time: charged to the HTTP response or the SQL query.
  const socketWriter = (id) => {
    for (let at = id; at !== undefined; at = parents.get(at)) {
      const frame = byId.get(at).callFrame;
      if (layerOf(frame) === 'SQL client (pg)') return 'SQL client (pg): socket writes';
      if (frame.url.startsWith('node:_http')) return 'HTTP (node): socket writes';
    }
    return 'socket writes (other)';
  };
  const deltas = profile.timeDeltas;
  profile.samples.forEach((id, i) => {
    const layer = layerFor(id);
    self.set(layer, (self.get(layer) ?? 0) + (deltas[i] ?? 0));
  });
  // Not the workload's: waiting, and loading modules before the first request.
  self.delete('idle');
  self.delete('startup');
  const busy = [...self.values()].reduce((a, b) => a + b, 0) || 1;
  return [...self.entries()]
    .map(([layer, us]) => ({ layer, share: Number(((us * 100) / busy).toFixed(1)) }))
    .sort((a, b) => b.share - a.share);
}

export async function summariseProfiles(dir) {
  for (const server of await readdir(dir)) {
    for (const file of await readdir(path.join(dir, server))) {
      if (!file.endsWith('.cpuprofile')) continue;
      const profile = JSON.parse(await readFile(path.join(dir, server, file), 'utf8'));
      log(`profile of the ${server} (${path.join(dir, server, file)}), share of busy time:`);
      for (const { layer, share } of summarise(profile).slice(0, 14))
        console.log(`  ${server}\t${share.toFixed(1)}%\t${layer}`);
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await summariseProfiles(process.argv[2]);
