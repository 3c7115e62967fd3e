// The processes the bench starts (APIs, readers, the baseline): started here, all stopped here.
import { fork, spawn } from 'node:child_process';
import net from 'node:net';

const children = [];

export function freePort() {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

export async function waitReady(url, child, name) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited while starting`);
    if ((await fetch(url).catch(() => null))?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${name} did not become ready`);
}

/**
 * Runs a Node script with extra environment; `ipc` forks it so it can message when ready;
 * `execPath` runs it on another Node (the peer's Node 22, or every server's with --node).
 */
export function start(
  script,
  env,
  { ipc = false, nodeArgs = [], execPath = process.execPath } = {},
) {
  const child = (ipc ? fork : spawn)(ipc ? script : execPath, ipc ? [] : [...nodeArgs, script], {
    execPath,
    env: { ...process.env, ...env },
    stdio: ipc ? ['ignore', 'ignore', 'inherit', 'ipc'] : ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return child;
}

/** SIGTERM to every child, waiting for each to exit. */
export async function stopChildren() {
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
        }),
    ),
  );
}

/** After a failure: nothing is left running. */
export function killChildren() {
  for (const child of children) child.kill('SIGKILL');
}
