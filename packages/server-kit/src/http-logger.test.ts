import { EventEmitter, once } from 'node:events';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { REQUEST_ID_HEADER } from '@folio/contract';
import { pino } from 'pino';
import { createHttpLogger } from './http-logger.js';

type Line = Record<string, unknown> & { req?: { id: string; method: string; url: string } };

function capturedLogger(level: string) {
  const lines: Line[] = [];
  const written = new EventEmitter();
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      written.emit('line');
      done();
    },
  });
  return { logger: pino({ level }, stream), lines, written };
}

async function serve(level = 'info') {
  const captured = capturedLogger(level);
  const httpLogger = createHttpLogger({
    logger: captured.logger,
    ignore: (req) => req.url === '/health',
  });
  const hanging = new EventEmitter();
  // A bare node:http server: the access log is the same middleware in express (API, reader,
  // Studio) and outside it.
  const server: Server = createServer((req, res) => {
    httpLogger(req, res);
    const path = req.url?.split('?')[0];
    if (path === '/health') res.end('{"status":"ok"}');
    else if (path === '/id') res.end(String(req.id));
    else if (path === '/mounted/graphql') {
      // what express does for a sub-app mounted at a path: the handler sees the rest of it
      req.url = '/';
      res.end('{}');
    } else if (path === '/broken') {
      res.statusCode = 500;
      res.end('no');
    } else if (path === '/hang') {
      // never answers: the client gives up first
      hanging.emit('request');
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { ...captured, url, server, hanging };
}

async function nextLine(lines: Line[], written: EventEmitter, count: number): Promise<void> {
  while (lines.length < count) await once(written, 'line');
}

describe('the access log', () => {
  it('writes one line per request with its id, method, path, status and time, and echoes the id', async () => {
    const { lines, written, url, server } = await serve();
    try {
      const kept = await fetch(`${url}/id?page=2`, {
        headers: { [REQUEST_ID_HEADER]: 'page-123' },
      });
      expect(kept.headers.get(REQUEST_ID_HEADER)).toBe('page-123');
      expect(await kept.text()).toBe('page-123');
      await nextLine(lines, written, 1);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({
        level: 30,
        msg: 'request completed',
        req: { id: 'page-123', method: 'GET', url: '/id?page=2' },
        res: { statusCode: 200 },
        responseTime: expect.any(Number),
      });
      // Only those fields of the request: no headers (tokens, cookies), no address.
      expect(Object.keys(lines[0]?.req ?? {}).sort()).toEqual(['id', 'method', 'url']);

      const replaced = await fetch(`${url}/id`, {
        headers: { [REQUEST_ID_HEADER]: 'a b<script>' },
      });
      const fresh = replaced.headers.get(REQUEST_ID_HEADER);
      expect(fresh).toMatch(/^[0-9a-f-]{36}$/);
      await nextLine(lines, written, 2);
      expect(lines[1]?.req?.id).toBe(fresh);
    } finally {
      server.close();
    }
  });

  it('logs the path the client asked for, not the one a mounted handler saw', async () => {
    const { lines, written, url, server } = await serve();
    try {
      await (await fetch(`${url}/mounted/graphql?x=1`)).text();
      await nextLine(lines, written, 1);
      expect(lines[0]?.req?.url).toBe('/mounted/graphql?x=1');
    } finally {
      server.close();
    }
  });

  it('leaves health checks out but still gives them an id, and marks server errors', async () => {
    const { lines, written, url, server } = await serve();
    try {
      const health = await fetch(`${url}/health`);
      expect(health.headers.get(REQUEST_ID_HEADER)).toMatch(/^[0-9a-f-]{36}$/);
      expect((await fetch(`${url}/broken`)).status).toBe(500);
      await nextLine(lines, written, 1);
      expect(lines.map((line) => line.req?.url)).toEqual(['/broken']);
      expect(lines[0]).toMatchObject({ msg: 'request errored', res: { statusCode: 500 } });
    } finally {
      server.close();
    }
  });

  it('logs a request whose client went away before the answer', async () => {
    const { lines, written, url, server, hanging } = await serve();
    try {
      const req = httpRequest(`${url}/hang`);
      req.on('error', () => undefined);
      req.end();
      await once(hanging, 'request');
      req.destroy();
      await nextLine(lines, written, 1);
      expect(lines[0]).toMatchObject({ msg: 'request aborted', req: { url: '/hang' } });
    } finally {
      server.close();
    }
  });

  it('writes nothing below its level', async () => {
    const { lines, url, server } = await serve('warn');
    try {
      const response = await fetch(`${url}/id`);
      expect(await response.text()).toMatch(/^[0-9a-f-]{36}$/);
      // The line would be written when the response closes, before the server closes.
      server.close();
      await once(server, 'close');
      expect(lines).toHaveLength(0);
    } finally {
      server.close();
    }
  });
});
