import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  FORWARDED_ADDRESS_HEADER,
  FORWARDING_SECRET_HEADER,
  REQUEST_ID_HEADER,
  STAFF_USER_AGENT_HEADER,
} from '@folio/contract';
import { ApiRequestError, ApiUnavailableError, createApiClient } from './api.server';

// Studio's options (a session token, the browser as ClientInfo) on the shared client, against a
// real HTTP server standing in for the API.

const SECRET = '5f0a9c1e7d3b8a2f6e4c0d9b1a7f3e5c8d2b6a40';
const seen: IncomingHttpHeaders[] = [];
let reply = JSON.stringify({ data: { me: { id: '1' } } });
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
  reply = JSON.stringify({ data: { me: { id: '1' } } });
});

describe("Studio's API client", () => {
  it('sends the session token and who is at the browser, with the page request id', async () => {
    const client = createApiClient(url, SECRET);
    const data = await client.request(
      '{ me { id } }',
      {},
      {
        token: 'staff-session',
        client: { address: '198.51.100.4', userAgent: 'Firefox/140', requestId: 'page-7' },
      },
    );
    expect(data).toEqual({ me: { id: '1' } });
    expect(seen[0]).toMatchObject({
      authorization: 'Bearer staff-session',
      [FORWARDED_ADDRESS_HEADER]: '198.51.100.4',
      [FORWARDING_SECRET_HEADER]: SECRET,
      [STAFF_USER_AGENT_HEADER]: 'Firefox/140',
      [REQUEST_ID_HEADER]: 'page-7',
    });
  });

  it('branches on the contract codes: a refusal, and an API that cannot answer', async () => {
    const client = createApiClient(url);
    reply = JSON.stringify({ errors: [{ message: 'No', extensions: { code: 'FORBIDDEN' } }] });
    const refused = await client.request('{ me { id } }').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiRequestError);
    expect((refused as ApiRequestError).code).toBe('FORBIDDEN');
    reply = 'not json';
    await expect(client.request('{ me { id } }')).rejects.toBeInstanceOf(ApiUnavailableError);
  });
});
