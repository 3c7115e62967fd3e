import { REQUEST_ID_HEADER } from '@folio/contract';
import { Writable } from 'node:stream';
import pino from 'pino';
import { startTestApi, type TestApi } from '../../test/test-api.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';

// /graphql no longer goes through express: its access-log line must still be written, with the
// path the client asked for and the request id it sent, and health checks still left out.

const lines: Array<Record<string, any>> = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
    done();
  },
});

let db: TestDatabase;
let api: TestApi;
beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db, {}, undefined, pino({ level: 'info' }, sink));
});
afterAll(async () => {
  await api.close();
  await db.drop();
});

/** The access-log lines seen so far, once the response has closed on the server's side. */
async function accessLines(count: number) {
  for (let waited = 0; lines.filter((line) => line.res).length < count && waited < 200; waited++)
    await new Promise((resolve) => setTimeout(resolve, 25));
  return lines.filter((line) => line.res);
}

describe('access log', () => {
  beforeEach(() => void lines.splice(0));

  it('writes one line per GraphQL request with its id, method, path, status and time', async () => {
    const response = await fetch(`${api.url}/graphql?from=test`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [REQUEST_ID_HEADER]: 'page-77' },
      body: JSON.stringify({ query: '{ tags { name } }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get(REQUEST_ID_HEADER)).toBe('page-77');
    const [line, ...more] = await accessLines(1);
    expect(more).toEqual([]);
    expect(line).toMatchObject({
      msg: 'request completed',
      req: { id: 'page-77', method: 'POST', url: '/graphql?from=test' },
      res: { statusCode: 200 },
    });
    expect(typeof line!.responseTime).toBe('number');
  });

  it('logs refusals before GraphQL (413) and express routes, and leaves out health checks', async () => {
    const tooBig = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ tags { name } }', padding: 'x'.repeat(110_000) }),
    });
    expect(tooBig.status).toBe(413);
    expect((await fetch(`${api.url}/health/live`)).status).toBe(200);
    expect((await fetch(`${api.url}/nowhere`)).status).toBe(404);
    const logged = await accessLines(2);
    expect(logged.map((line) => [line.req.method, line.req.url, line.res.statusCode])).toEqual([
      ['POST', '/graphql', 413],
      ['GET', '/nowhere', 404],
    ]);
    expect(logged[0]!.req.id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
