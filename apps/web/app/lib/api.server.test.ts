import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  FORWARDED_ADDRESS_HEADER,
  FORWARDING_SECRET_HEADER,
  REQUEST_ID_HEADER,
} from '@folio/contract';
import { ApiRequestError, ApiUnavailableError, createApiClient } from './api.server';

// The reader's options (its reader's address, the page's request id) on the shared client,
// against a real HTTP server standing in for the API.

const SECRET = 'b81e4d07c2a95f3e6d18a4c07b92e5f1d3a6c840';
const seen: IncomingHttpHeaders[] = [];
let reply = JSON.stringify({ data: { article: null } });
const api = createServer((req, res) => {
  seen.push(req.headers);
  req.resume();
  req.on('end', () => res.end(reply));
});
let url: string;

beforeAll(async () => {
  api.listen(0, '127.0.0.1');
  await once(api, 'listening');
  url = `http://127.0.0.1:${(api.address() as AddressInfo).port}/graphql`;
});
afterAll(() => {
  api.closeAllConnections();
  api.close();
});
beforeEach(() => {
  seen.length = 0;
  reply = JSON.stringify({ data: { article: null } });
});

describe("the reader's API client", () => {
  it("sends the page's request id and the reader's address beside the shared secret", async () => {
    const client = createApiClient(url, SECRET);
    const data = await client.request(
      '{ article(slug: "x") { id } }',
      {},
      {
        clientAddress: '203.0.113.9',
        requestId: 'page-1',
      },
    );
    expect(data).toEqual({ article: null });
    expect(seen[0]).toMatchObject({
      [FORWARDED_ADDRESS_HEADER]: '203.0.113.9',
      [FORWARDING_SECRET_HEADER]: SECRET,
      [REQUEST_ID_HEADER]: 'page-1',
    });
    expect(seen[0]!.authorization).toBeUndefined();
  });

  it('turns a refusal into ApiRequestError and a failing API into ApiUnavailableError', async () => {
    const client = createApiClient(url);
    reply = JSON.stringify({
      errors: [{ message: 'Too many', extensions: { code: 'RATE_LIMITED' } }],
    });
    const refused = await client.request('{ ok }').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiRequestError);
    expect((refused as ApiRequestError).code).toBe('RATE_LIMITED');
    reply = JSON.stringify({
      errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    });
    await expect(client.request('{ ok }')).rejects.toBeInstanceOf(ApiUnavailableError);
  });
});
