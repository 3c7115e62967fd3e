import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import pino from 'pino';
import { limitRequestBody } from './body-limit';

let server: Server;
let port: number;
const handled: number[] = [];

beforeAll(async () => {
  const app = express();
  app.use(limitRequestBody({ logger: pino({ level: 'silent' }) }));
  app.post('/{*splat}', (req, res) => {
    const body = (req as unknown as { rawBody: Buffer }).rawBody;
    handled.push(body.length);
    res.send(`got ${body.length}`);
  });
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  handled.length = 0;
});

/** Sends the head, then the chunks, then waits for the whole answer without sending more. */
async function rawRequest(head: string, chunks: Buffer[]): Promise<string> {
  const socket: Socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.on('error', () => {}); // the server may close while we still write
  const received: Buffer[] = [];
  socket.on('data', (data: Buffer) => received.push(data));
  socket.write(head);
  for (const chunk of chunks) socket.write(chunk);
  await once(socket, 'close');
  return Buffer.concat(received).toString('utf8');
}

const chunked = (data: Buffer) =>
  Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n')]);

describe('the request body limit', () => {
  it('hands bodies up to 16 kB on whole', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/form`, {
      method: 'POST',
      body: 'a'.repeat(16 * 1024),
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(`got ${16 * 1024}`);
  });

  it('refuses a declared length over the limit before reading the body', async () => {
    const answer = await rawRequest(
      'POST /form HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 33554432\r\n\r\n',
      [],
    );
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toContain('That was too much to send');
    expect(answer).toMatch(/connection: close/i);
    expect(handled).toEqual([]);
  });

  it('refuses a chunked body once 16 kB have arrived, without waiting for the rest', async () => {
    // 20 kB of a body that says it goes on (no closing chunk): a server that waited for the
    // end of the body would never answer, and this test would time out.
    const chunks = Array.from({ length: 5 }, () => chunked(Buffer.alloc(4096, 'a')));
    const answer = await rawRequest(
      'POST /form HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n',
      chunks,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(handled).toEqual([]);
  });

  it('counts the bytes that arrive, not the length a client declares', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/form`, {
      method: 'POST',
      body: new ReadableStream({
        start(controller) {
          for (let n = 0; n < 10; n++) controller.enqueue(new Uint8Array(4096));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(handled).toEqual([]);
  });

  it('leaves reads alone', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/form`);
    expect(response.status).toBe(404);
  });
});
