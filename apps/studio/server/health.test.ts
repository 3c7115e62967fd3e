import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { healthRoutes } from './health';

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("Studio's health checks", () => {
  let apiStatus = 200;
  let draining = false;
  const api = createServer((req, res) => {
    res.statusCode = req.url === '/health/ready' ? apiStatus : 404;
    res.end('{}');
  });
  let studio: Server;
  let studioUrl: string;
  let apiUrl: string;

  beforeAll(async () => {
    apiUrl = await listen(api);
    const app = express();
    app.use(healthRoutes({ apiUrl: `${apiUrl}/graphql`, draining: () => draining }));
    studio = createServer(app);
    studioUrl = await listen(studio);
  });
  afterAll(() => {
    api.close();
    studio.close();
  });
  beforeEach(() => {
    apiStatus = 200;
    draining = false;
  });

  it('is ready while the API is, and says so', async () => {
    const ready = await fetch(`${studioUrl}/health/ready`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ok' }]);
  });

  it('is not ready while the API is not, but still live', async () => {
    apiStatus = 503;
    const ready = await fetch(`${studioUrl}/health/ready`);
    expect([ready.status, await ready.json()]).toEqual([
      503,
      { status: 'unavailable', reason: 'API unreachable' },
    ]);
    expect((await fetch(`${studioUrl}/health/live`)).status).toBe(200);
  });

  it('is not ready once draining, without asking the API', async () => {
    draining = true;
    apiStatus = 500; // would answer "unavailable" if asked
    const ready = await fetch(`${studioUrl}/health/ready`);
    expect([ready.status, await ready.json()]).toEqual([503, { status: 'shutting down' }]);
  });

  it('is not ready when nothing answers at the API address', async () => {
    const gone = createServer();
    const goneUrl = await listen(gone);
    await new Promise((resolve) => gone.close(resolve));
    const app = express();
    app.use(healthRoutes({ apiUrl: `${goneUrl}/graphql`, draining: () => false }));
    const server = createServer(app);
    const url = await listen(server);
    try {
      expect((await fetch(`${url}/health/ready`)).status).toBe(503);
    } finally {
      server.close();
    }
  });
});
