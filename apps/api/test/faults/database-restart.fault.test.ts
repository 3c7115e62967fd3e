import { Client } from 'pg';
import {
  controlledPostgres,
  graphqlPost,
  startApi,
  type ControlledPostgres,
  type RunningApi,
} from './harness';

let postgres: ControlledPostgres;
let api: RunningApi;

beforeAll(async () => {
  postgres = await controlledPostgres();
  api = await startApi({ DATABASE_URL: postgres.url, DATABASE_POOL_MAX: '5' });
});
afterAll(async () => {
  await api?.stop();
  await postgres?.exit();
});

const LIST = '{ articles(first: 3) { totalCount edges { node { slug } } } }';

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check().catch(() => false)) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`not true within ${timeoutMs} ms`);
}

it('stays up while PostgreSQL is away, answers quickly and clearly, and recovers by itself', async () => {
  const pid = api.process.pid;
  expect((await graphqlPost(api.url, LIST)).body.data.articles.totalCount).toBeGreaterThanOrEqual(
    8,
  );

  await postgres.stop();

  // Readiness fails, liveness holds: an orchestrator stops routing here but does not restart us.
  expect((await fetch(`${api.url}/health/ready`)).status).toBe(503);
  expect((await fetch(`${api.url}/health/live`)).status).toBe(200);
  const started = Date.now();
  const down = await graphqlPost(api.url, LIST);
  expect(Date.now() - started).toBeLessThan(8_000);
  expect(down.body.errors?.[0]).toEqual({
    message: 'Internal server error',
    path: ['articles'],
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
  expect(JSON.stringify(down.body)).not.toMatch(/ECONNREFUSED|postgres|connect/i);
  expect(api.process.exitCode).toBeNull();

  await postgres.start();
  await waitUntil(async () => (await fetch(`${api.url}/health/ready`)).ok, 20_000);
  const back = await graphqlPost(api.url, LIST);
  expect(back.body.errors).toBeUndefined();
  expect(back.body.data.articles.edges).toHaveLength(3);
  expect(api.process.pid).toBe(pid);

  // No leaked connections: the pool holds at most its maximum.
  const client = new Client({ connectionString: postgres.url });
  await client.connect();
  const { rows } = await client.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'folio-api'`,
  );
  await client.end();
  expect(rows[0].n).toBeLessThanOrEqual(5);
});
