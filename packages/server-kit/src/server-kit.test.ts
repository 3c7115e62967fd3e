import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { z } from 'zod';
import { REQUEST_ID_HEADER } from '@folio/contract';
import { createHttpLogger } from './http-logger.js';
import { createLimitedServer } from './http-limits.js';
import { drainOnSignals } from './graceful-drain.js';
import { parseEnvironment } from './env-errors.js';

function capturedLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

async function listen(handler: Parameters<typeof createLimitedServer>[0]) {
  const server = createLimitedServer(handler, {
    headersTimeoutSeconds: 10,
    requestTimeoutSeconds: 30,
    keepAliveTimeoutSeconds: 5,
    maxConnections: 10,
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('request ids', () => {
  it('keeps a plausible id from the caller, replaces anything else, and logs under it', async () => {
    const { logger, lines } = capturedLogger();
    const httpLogger = createHttpLogger({ logger, ignore: (req) => req.url === '/health' });
    const { server, url } = await listen((req, res) => {
      httpLogger(req, res);
      res.end(String(req.id));
    });
    try {
      const kept = await fetch(url, { headers: { [REQUEST_ID_HEADER]: 'page-123' } });
      expect(kept.headers.get(REQUEST_ID_HEADER)).toBe('page-123');
      expect(await kept.text()).toBe('page-123');
      const replaced = await fetch(url, { headers: { [REQUEST_ID_HEADER]: 'a b<script>' } });
      expect(replaced.headers.get(REQUEST_ID_HEADER)).toMatch(/^[0-9a-f-]{36}$/);
      await fetch(`${url}/health`);
      const logged = lines.map((line) => (line.req as { id: string; url: string }) ?? {});
      expect(logged.map((req) => req.id)).toContain('page-123');
      expect(logged.map((req) => req.url)).not.toContain('/health');
    } finally {
      server.close();
    }
  });
});

describe('drainOnSignals', () => {
  it('lets a request in flight finish, then releases resources and exits 0', async () => {
    const { logger } = capturedLogger();
    let finish: () => void = () => {};
    const { server, url } = await listen((_req, res) => {
      finish = () => res.end('done');
    });
    const steps: string[] = [];
    const exited = new Promise<number>((resolve) => {
      const shutdown = drainOnSignals({
        server,
        logger,
        drainSeconds: 60,
        signals: [],
        onSignal: () => steps.push('signal'),
        afterDrain: async () => {
          steps.push('released');
        },
        exit: resolve,
      });
      const answer = fetch(url).then((response) => response.text());
      // Shut down only once the request has reached the handler.
      const waitForRequest = setInterval(() => {
        if (server.listening) {
          server.getConnections((_error, count) => {
            if (count > 0) {
              clearInterval(waitForRequest);
              void shutdown('SIGTERM');
              setImmediate(() => {
                steps.push('still in flight');
                finish();
              });
              void answer.then((text) => steps.push(text));
            }
          });
        }
      }, 20);
    });
    expect(await exited).toBe(0);
    expect(steps.slice(0, 2)).toEqual(['signal', 'still in flight']);
    expect(steps).toContain('released');
  });
});

describe('parseEnvironment', () => {
  it('names every variable at fault', () => {
    const schema = z.object({ PORT: z.coerce.number().int(), HOST: z.string() });
    expect(() => parseEnvironment(schema, { PORT: 'x' })).toThrow(
      /Invalid environment:\n {2}PORT: .+\n {2}HOST: Required/,
    );
    expect(parseEnvironment(schema, { PORT: '80', HOST: 'h' })).toEqual({ PORT: 80, HOST: 'h' });
  });
});
