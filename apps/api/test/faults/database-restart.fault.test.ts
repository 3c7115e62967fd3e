import { Client } from 'pg';
import {
  controlledPostgres,
  FORWARDING_SECRET,
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
const SUBMIT = 'mutation ($input: SubmitReportInput!) { submitReport(input: $input) { receipt } }';

/**
 * Readers filing reports without pause, six at a time, each with a new key and address:
 * what the API acknowledged, and the codes of what it refused.
 */
function reportContinuously(url: string) {
  let running = true;
  let sent = 0;
  const acknowledged: string[] = [];
  const refused: string[] = [];
  const loops = Array.from({ length: 6 }, async () => {
    while (running) {
      const n = sent++;
      const response = await graphqlPost(
        url,
        SUBMIT,
        {
          input: {
            articleSlug: 'a-field-guide-to-urban-foxes',
            reason: 'SPAM',
            idempotencyKey: `restart-key-${n}`,
          },
        },
        {
          'x-folio-reader-address': `10.${(n >> 8) & 255}.${n & 255}.1`,
          'x-folio-forwarding-secret': FORWARDING_SECRET,
        },
      ).catch((error: Error) => ({ status: 0, body: { error: String(error) } as any }));
      const receipt = response.body.data?.submitReport?.receipt as string | undefined;
      if (receipt) acknowledged.push(receipt);
      else {
        refused.push(
          response.body.errors?.[0]?.extensions?.code ??
            `${response.status} ${JSON.stringify(response.body).slice(0, 300)}`,
        );
        await new Promise((resolve) => setTimeout(resolve, 100)); // no busy loop while down
      }
    }
  });
  return {
    acknowledged,
    refused,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

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
  // Reports keep arriving throughout: batches are committing when PostgreSQL goes away.
  const reports = reportContinuously(api.url);
  await waitUntil(async () => reports.acknowledged.length >= 20, 30_000);

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
  // Reports are filed again, then the readers stop.
  const beforeRecovery = reports.acknowledged.length;
  await waitUntil(async () => reports.acknowledged.length >= beforeRecovery + 20, 30_000);
  await reports.stop();

  // No leaked connections: the pool holds at most its maximum.
  const client = new Client({ connectionString: postgres.url });
  await client.connect();
  const { rows } = await client.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'folio-api'`,
  );
  expect(rows[0].n).toBeLessThanOrEqual(5);

  // Every report acknowledged before, during or after the outage is stored, once; the
  // others were refused as server errors (the readers retry them with the same key).
  const stored = await client.query('SELECT receipt FROM reports WHERE receipt = ANY($1)', [
    reports.acknowledged,
  ]);
  await client.end();
  expect(new Set(reports.acknowledged).size).toBe(reports.acknowledged.length);
  expect(stored.rows.map((row) => row.receipt).sort()).toEqual([...reports.acknowledged].sort());
  expect(reports.refused.length).toBeGreaterThan(0);
  expect(new Set(reports.refused)).toEqual(new Set(['INTERNAL_SERVER_ERROR']));
});
