import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import path from 'node:path';
import {
  FORWARDED_ADDRESS_HEADER,
  FORWARDING_SECRET_HEADER,
  REQUEST_ID_HEADER,
  STAFF_USER_AGENT_HEADER,
} from '@folio/contract';
import { createSessionStorage } from '../app/lib/cookies.server';
import { parseEnv } from '../app/lib/env.server';

// Studio's built server (dist/server.js, what `npm start` and the image run) as a process, in
// front of a stand-in API on a real port: what it passes on to the API, how it stops, and
// how many connections it holds.

const SERVER = path.resolve(__dirname, '../dist/server.js');
const SESSION_SECRET = 'b81e4d07c2a95f3e6d18a4c07b92e5f1d3a6c840';
const FORWARDING_SECRET = '5f0a9c1e7d3b8a2f6e4c0d9b1a7f3e5c8d2b6a40';

interface ApiRequest {
  headers: IncomingHttpHeaders;
  body: { query?: string };
}

/** The API as far as Studio sees it: every GraphQL call recorded, answered by `answer`. */
async function standInApi() {
  const seen: ApiRequest[] = [];
  const waiting: Array<() => void> = [];
  let hold = false;
  const server: Server = createServer((req, res) => {
    if (req.url === '/health/ready') return void res.end('{"status":"ok"}');
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      seen.push({ headers: req.headers, body: JSON.parse(raw) });
      const answer = () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            errors: [{ message: 'Session ended', extensions: { code: 'UNAUTHENTICATED' } }],
          }),
        );
      };
      if (hold) waiting.push(answer);
      else answer();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    seen,
    /** Holds every GraphQL answer until release(). */
    hold: () => (hold = true),
    release: () => waiting.splice(0).forEach((answer) => answer()),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

type LogLine = Record<string, unknown> & { msg?: string };

async function startStudio(apiUrl: string, extra: Record<string, string> = {}) {
  const port = await freePort();
  const logs: LogLine[] = [];
  const child: ChildProcess = spawn(process.execPath, [SERVER], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      FOLIO_API_URL: apiUrl,
      SESSION_SECRET,
      FORWARDED_ADDRESS_SECRET: FORWARDING_SECRET,
      COOKIE_SECURE: 'false',
      LOG_LEVEL: 'info',
      ...extra,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) if (line.trim()) logs.push(JSON.parse(line));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  // Its log says when it listens; the pipe can lag on a loaded machine, so wait for it.
  await waitFor(() => logs.some((line) => line.msg === 'Folio Studio ready'), 60_000, exited);
  return {
    url,
    logs,
    exited,
    signal: (name: NodeJS.Signals) => child.kill(name),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

async function waitFor(
  condition: () => boolean,
  timeoutMs: number,
  exited?: Promise<number | null>,
): Promise<void> {
  let gone = false;
  void exited?.then(() => (gone = true));
  for (let waited = 0; waited < timeoutMs && !condition(); waited += 50) {
    if (gone) throw new Error('Studio exited');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (!condition()) throw new Error(`not within ${timeoutMs} ms`);
}

/** A session cookie as Studio signs it when a user signs in. */
async function sessionCookie(): Promise<string> {
  const storage = createSessionStorage(
    parseEnv({
      NODE_ENV: 'production',
      SESSION_SECRET,
      FORWARDED_ADDRESS_SECRET: FORWARDING_SECRET,
      COOKIE_SECURE: 'false',
    }),
  );
  const session = await storage.getSession();
  session.set('token', 'staff-session-token');
  session.set('user', { id: 'u1', name: 'Ed Editor', email: 'ed@example.org', role: 'EDITOR' });
  return (await storage.commitSession(session)).split(';')[0]!;
}

if (!existsSync(SERVER))
  throw new Error(`${SERVER} is missing: run \`npm test\` from the root (turbo builds first).`);

describe("Studio's server", () => {
  let api: Awaited<ReturnType<typeof standInApi>>;
  beforeEach(async () => {
    api = await standInApi();
  });
  afterEach(() => api.close());

  it("passes its request id, the session token, the browser's address and User-Agent to the API", async () => {
    const studio = await startStudio(api.url);
    try {
      const response = await fetch(`${studio.url}/articles`, {
        headers: { cookie: await sessionCookie(), 'user-agent': 'Mozilla/5.0 (Studio test)' },
        redirect: 'manual',
      });
      // The API ended the session: Studio sends the user to sign in again.
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe('/sign-in?next=%2Farticles');
      const requestId = response.headers.get(REQUEST_ID_HEADER);
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(api.seen).toHaveLength(1);
      const sent = api.seen[0]!.headers;
      expect(sent[REQUEST_ID_HEADER]).toBe(requestId);
      expect(sent.authorization).toBe('Bearer staff-session-token');
      expect(sent[STAFF_USER_AGENT_HEADER]).toBe('Mozilla/5.0 (Studio test)');
      expect(sent[FORWARDED_ADDRESS_HEADER]).toBe('127.0.0.1');
      expect(sent[FORWARDING_SECRET_HEADER]).toBe(FORWARDING_SECRET);
      // And Studio's own log line for the page carries the same id.
      await waitFor(
        () => studio.logs.some((line) => (line.req as { id?: string })?.id === requestId),
        15_000,
      );
    } finally {
      await studio.stop();
    }
  });

  it('finishes a request in flight on SIGTERM, takes no new ones, then exits 0', async () => {
    const studio = await startStudio(api.url);
    try {
      api.hold();
      const inFlight = fetch(`${studio.url}/articles`, {
        headers: { cookie: await sessionCookie() },
        redirect: 'manual',
      });
      await waitFor(() => api.seen.length === 1, 30_000);
      studio.signal('SIGTERM');
      await waitFor(() => studio.logs.some((line) => line.msg === 'shutting down'), 15_000);
      await expect(fetch(`${studio.url}/health/live`)).rejects.toThrow();
      api.release();
      expect((await inFlight).status).toBe(302);
      expect(await studio.exited).toBe(0);
    } finally {
      await studio.stop();
    }
  });

  it('closes connections past HTTP_MAX_CONNECTIONS, and serves again once they go', async () => {
    const studio = await startStudio(api.url, { HTTP_MAX_CONNECTIONS: '3' });
    const sockets: ReturnType<typeof connect>[] = [];
    try {
      const { hostname, port } = new URL(studio.url);
      const answers = await Promise.all(
        Array.from({ length: 6 }, async () => {
          const socket = connect(Number(port), hostname);
          sockets.push(socket);
          socket.on('error', () => {});
          await once(socket, 'connect');
          socket.write('GET /health/live HTTP/1.1\r\nHost: studio\r\n\r\n');
          return new Promise<string>((resolve) => {
            socket.once('data', (data) => resolve(data.toString('utf8').slice(0, 15)));
            socket.once('close', () => resolve('closed'));
          });
        }),
      );
      const served = answers.filter((answer) => answer.startsWith('HTTP/1.1 200'));
      expect(served.length).toBeGreaterThan(0);
      expect(served.length).toBeLessThanOrEqual(3);
      expect(answers.filter((answer) => answer === 'closed').length).toBeGreaterThanOrEqual(3);
      for (const socket of sockets) socket.destroy();
      // Node counts a connection until its close is handled: ask until it is let in again.
      let again = 0;
      for (let attempt = 0; attempt < 100 && again !== 200; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100));
        again = (await fetch(`${studio.url}/health/live`).catch(() => null))?.status ?? 0;
      }
      expect(again).toBe(200);
    } finally {
      for (const socket of sockets) socket.destroy();
      await studio.stop();
    }
  });
});
