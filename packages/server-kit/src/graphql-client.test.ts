import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  FORWARDED_ADDRESS_HEADER,
  FORWARDING_SECRET_HEADER,
  REQUEST_ID_HEADER,
  STAFF_USER_AGENT_HEADER,
} from '@folio/contract';
import {
  ApiRequestError,
  ApiUnavailableError,
  createGraphqlClient,
  type GraphqlClient,
} from './graphql-client.js';

interface Seen {
  method?: string;
  url?: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** A real HTTP server standing in for the API: it records each request and answers `answer`. */
async function fakeApi(
  answer: (seen: Seen) => { status?: number; body: string } | 'hang' = () => ({
    body: JSON.stringify({ data: { ok: true } }),
  }),
) {
  const seen: Seen[] = [];
  let connections = 0;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      const request = { method: req.method, url: req.url, headers: req.headers, body: null };
      const entry: Seen = { ...request, body: raw ? JSON.parse(raw) : null };
      seen.push(entry);
      const reply = answer(entry);
      if (reply === 'hang') return;
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' });
      res.end(reply.body);
    });
  });
  server.on('connection', () => connections++);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    seen,
    connections: () => connections,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const clients: GraphqlClient[] = [];
const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function setUp(answer?: Parameters<typeof fakeApi>[0], secret?: string, timeoutMs?: number) {
  const api = await fakeApi(answer);
  servers.push(api);
  const client = createGraphqlClient({ url: api.url, forwardingSecret: secret, timeoutMs });
  clients.push(client);
  return { api, client };
}

describe('createGraphqlClient', () => {
  it('POSTs the document and variables as JSON and returns the data', async () => {
    const { api, client } = await setUp(() => ({
      body: JSON.stringify({ data: { article: { slug: 'hello' } } }),
    }));
    const data = await client.request<{ article: { slug: string } }, { slug: string }>(
      'query ($slug: String!) { article(slug: $slug) { slug } }',
      { slug: 'hello' },
    );
    expect(data).toEqual({ article: { slug: 'hello' } });
    expect(api.seen).toHaveLength(1);
    expect(api.seen[0]).toMatchObject({
      method: 'POST',
      url: '/graphql',
      body: {
        query: 'query ($slug: String!) { article(slug: $slug) { slug } }',
        variables: { slug: 'hello' },
      },
    });
    expect(api.seen[0]!.headers['content-type']).toBe('application/json');
  });

  it('sends the request id, the bearer token and the browser User-Agent (cut to 300 characters)', async () => {
    const { api, client } = await setUp();
    await client.request(
      '{ ok }',
      {},
      {
        requestId: 'page-42',
        token: 'session-token',
        userAgent: `Mozilla/5.0 ${'x'.repeat(400)}`,
      },
    );
    const headers = api.seen[0]!.headers;
    expect(headers[REQUEST_ID_HEADER]).toBe('page-42');
    expect(headers.authorization).toBe('Bearer session-token');
    expect(headers[STAFF_USER_AGENT_HEADER]).toHaveLength(300);
    expect(headers[STAFF_USER_AGENT_HEADER]).toMatch(/^Mozilla\/5\.0 x+$/);
  });

  it('sends nothing a caller did not give', async () => {
    const { api, client } = await setUp();
    await client.request('{ ok }');
    const headers = api.seen[0]!.headers;
    for (const name of [
      REQUEST_ID_HEADER,
      'authorization',
      STAFF_USER_AGENT_HEADER,
      FORWARDED_ADDRESS_HEADER,
      FORWARDING_SECRET_HEADER,
    ])
      expect([name, headers[name]]).toEqual([name, undefined]);
    expect(api.seen[0]!.body).toEqual({ query: '{ ok }', variables: {} });
  });

  it("forwards the browser's address only beside the shared secret", async () => {
    const secret = 'b81e4d07c2a95f3e6d18a4c07b92e5f1';
    const withSecret = await setUp(undefined, secret);
    await withSecret.client.request('{ ok }', {}, { clientAddress: '203.0.113.7' });
    expect(withSecret.api.seen[0]!.headers[FORWARDED_ADDRESS_HEADER]).toBe('203.0.113.7');
    expect(withSecret.api.seen[0]!.headers[FORWARDING_SECRET_HEADER]).toBe(secret);

    const withoutSecret = await setUp();
    await withoutSecret.client.request('{ ok }', {}, { clientAddress: '203.0.113.7' });
    expect(withoutSecret.api.seen[0]!.headers[FORWARDED_ADDRESS_HEADER]).toBeUndefined();
    expect(withoutSecret.api.seen[0]!.headers[FORWARDING_SECRET_HEADER]).toBeUndefined();
  });

  it('keeps its connection alive between requests', async () => {
    const { api, client } = await setUp();
    for (let i = 0; i < 10; i++) await client.request('{ ok }');
    expect(api.seen).toHaveLength(10);
    // undici may open a second connection while the first is being released; ten requests
    // one after the other still reuse what is open rather than connecting each time.
    expect(api.connections()).toBeLessThanOrEqual(3);
  });

  it("throws ApiRequestError with the first error's code and extensions when the API refuses", async () => {
    const { client } = await setUp(() => ({
      status: 400,
      body: JSON.stringify({
        errors: [
          {
            message: 'Too many attempts',
            extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 60 },
          },
          { message: 'And another' },
        ],
      }),
    }));
    const error = await client.request('{ ok }').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiRequestError);
    const refused = error as ApiRequestError;
    expect(refused.code).toBe('RATE_LIMITED');
    expect(refused.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: 60 });
    expect(refused.message).toBe('Too many attempts; And another');
    expect(refused.errors).toHaveLength(2);
  });

  it.each([
    [
      'a 5xx answer',
      { status: 502, body: JSON.stringify({ errors: [{ message: 'bad gateway' }] }) },
    ],
    [
      'an internal error',
      {
        status: 200,
        body: JSON.stringify({
          errors: [
            { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
          ],
        }),
      },
    ],
    ['a body that is not JSON', { status: 200, body: '<html>proxy error</html>' }],
  ])('throws ApiUnavailableError on %s', async (_case, reply) => {
    const { client } = await setUp(() => reply);
    await expect(client.request('{ ok }')).rejects.toBeInstanceOf(ApiUnavailableError);
  });

  it('throws ApiUnavailableError when nothing listens at the address', async () => {
    const api = await fakeApi();
    await api.close(); // the port is now free: nothing answers there
    const client = createGraphqlClient({ url: api.url });
    clients.push(client);
    await expect(client.request('{ ok }')).rejects.toThrow(
      expect.objectContaining({
        name: 'ApiUnavailableError',
        message: expect.stringMatching(/^API unreachable/),
      }),
    );
  });

  it('gives up on an API that does not answer within its timeout', async () => {
    const { api, client } = await setUp(() => 'hang', undefined, 300);
    await expect(client.request('{ ok }')).rejects.toBeInstanceOf(ApiUnavailableError);
    expect(api.seen).toHaveLength(1);
  });

  it("stops waiting when the caller's signal aborts (the browser went away)", async () => {
    const { api, client } = await setUp(() => 'hang');
    const controller = new AbortController();
    const pending = client.request('{ ok }', {}, { signal: controller.signal });
    // Abort once the API holds the request, so the abort is what ends it.
    while (api.seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(ApiUnavailableError);
  });
});
