import { REQUEST_ID_HEADER } from '@folio/contract';
import { useApiTestContext } from '../test/api-test-context.js';

const context = useApiTestContext({ NODE_ENV: 'production' });

const post = (
  body: string,
  headers: Record<string, string> = { 'content-type': 'application/json' },
) => fetch(`${context.api.url}/graphql`, { method: 'POST', headers, body });

describe('HTTP boundary', () => {
  it('answers a body over 100 kB with 413 and a JSON error', async () => {
    const response = await post(
      JSON.stringify({ query: `{ articles { totalCount } }`, padding: 'x'.repeat(110_000) }),
    );
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      errors: [
        {
          message: 'Request body too large; the limit is 100kb.',
          extensions: { code: 'BAD_REQUEST' },
        },
      ],
    });
  });

  it("keeps the caller's request id on a GraphQL answer, and gives one to a request without", async () => {
    const query = JSON.stringify({ query: '{ articles(first: 1) { edges { cursor } } }' });
    const kept = await post(query, {
      'content-type': 'application/json',
      [REQUEST_ID_HEADER]: 'page-42',
    });
    expect(kept.status).toBe(200);
    expect(kept.headers.get(REQUEST_ID_HEADER)).toBe('page-42');
    const fresh = await post(query);
    expect(fresh.headers.get(REQUEST_ID_HEADER)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a simple cross-site form post (CSRF prevention)', async () => {
    const response = await post('query={articles{totalCount}}', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(response.status).toBe(400);
  });

  it('refuses batched requests', async () => {
    const response = await post(
      JSON.stringify([{ query: '{ tags { name } }' }, { query: '{ tags { name } }' }]),
    );
    expect(response.status).toBe(400);
  });

  it('turns off introspection in production', async () => {
    const { errors } = await context.api.query('{ __schema { types { name } } }');
    expect(errors![0]!.message).toMatch(/introspection/i);
  });

  it('masks database errors: no SQL, table or constraint names reach the client', async () => {
    await context.db.dataSource.query('ALTER TABLE article_tags RENAME TO article_tags_moved');
    try {
      const { data, errors } = await context.api.query('{ tags { name } }');
      expect(data).toBeNull();
      expect(errors).toEqual([
        {
          message: 'Internal server error',
          path: ['tags'],
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
      ]);
    } finally {
      await context.db.dataSource.query('ALTER TABLE article_tags_moved RENAME TO article_tags');
    }
  });

  it('reports liveness and database readiness', async () => {
    expect(await (await fetch(`${context.api.url}/health/live`)).json()).toEqual({ status: 'ok' });
    expect((await fetch(`${context.api.url}/health/ready`)).status).toBe(200);
  });
});
