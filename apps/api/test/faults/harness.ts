import { fork, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

// Real processes for the fault tests: PostgreSQL instances we can stop, and the built API.

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface ControlledPostgres {
  url: string;
  start(): Promise<string>;
  stop(): Promise<void>;
  exit(): Promise<void>;
}

export async function controlledPostgres(): Promise<ControlledPostgres> {
  const child = fork(path.join(__dirname, 'postgres-controller.mjs'), [String(await freePort())], {
    stdio: 'inherit',
  });
  await new Promise((resolve) => child.once('message', resolve));
  let next = 0;
  const send = (command: string) =>
    new Promise<string | null>((resolve, reject) => {
      const id = ++next;
      const onMessage = (message: { id?: number; result?: string | null; error?: string }) => {
        if (message.id !== id) return;
        child.off('message', onMessage);
        if (message.error) reject(new Error(message.error));
        else resolve(message.result ?? null);
      };
      child.on('message', onMessage);
      child.send({ id, command });
    });
  const url = (await send('start'))!;
  return {
    url,
    start: async () => (await send('start'))!,
    stop: async () => void (await send('stop')),
    exit: async () => {
      await send('exit');
      if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

export interface RunningApi {
  url: string;
  process: ChildProcess;
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export const FORWARDING_SECRET = 'fault-forwarding-secret-0123456789';

/** The built API (dist/main.js) as its own process, ready when this resolves. */
export async function startApi(env: Record<string, string>): Promise<RunningApi> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(__dirname, '../../dist/main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'error',
      REPORTER_KEY_SECRET: 'fault-reporter-key-secret-0123456789',
      FORWARDED_ADDRESS_SECRET: FORWARDING_SECRET,
      REPORT_RATE_LIMIT: '10000',
      SEED_CONTENT_DIR: path.join(__dirname, '../../../../content'),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null)
      throw new Error(`API exited with ${child.exitCode} while starting`);
    if ((await fetch(`${url}/health/ready`).catch(() => null))?.ok) break;
    if (attempt > 300) throw new Error('API did not become ready');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    process: child,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

export async function graphqlPost(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(15_000),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      data?: any;
      errors?: Array<{ message: string; extensions?: { code?: string } }>;
    },
  };
}
