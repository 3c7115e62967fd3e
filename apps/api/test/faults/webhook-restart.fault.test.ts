import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { Webhook } from 'standardwebhooks';
import { WebhookReceiver } from '../webhook-receiver';
import { controlledPostgres, startApi, type ControlledPostgres, type RunningApi } from './harness';

// The built API as separate processes: one is killed (SIGKILL, no goodbye) while a webhook
// delivery is in flight; a new one delivers it once the dead one's claim lapses.
let postgres: ControlledPostgres;
let receiver: WebhookReceiver;
const apis: RunningApi[] = [];

beforeAll(async () => {
  postgres = await controlledPostgres();
  receiver = await new WebhookReceiver().start();
});
afterAll(async () => {
  for (const api of apis) await api.stop('SIGKILL');
  await receiver?.close();
  await postgres?.exit();
});

const env = () => ({
  DATABASE_URL: postgres.url,
  NODE_ENV: 'development', // plain http to the test's receiver
  WEBHOOK_ALLOW_PRIVATE: 'true',
  WEBHOOK_TIMEOUT_SECONDS: '2', // so a claim lapses after 2 x 2 + 5 s
  WEBHOOK_POLL_SECONDS: '1',
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`not true within ${timeoutMs} ms`);
}

it('loses no webhook when the API is killed mid-delivery: the next API sends it, same webhook-id', async () => {
  apis.push(await startApi(env()));
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  receiver.answers = ['hold']; // the first attempt gets no answer before its API dies

  const db = new Client({ connectionString: postgres.url });
  await db.connect();
  try {
    // An event in the outbox, as a publish would have left it (registration is tested elsewhere).
    const [endpoint] = (
      await db.query(
        `INSERT INTO webhook_endpoints (url, events, secret) VALUES ($1, '{article.published}', $2)
         RETURNING id`,
        [receiver.url, secret],
      )
    ).rows;
    await db.query(`
      WITH event AS (
        INSERT INTO webhook_events (type, payload)
        VALUES ('article.published', '{"type":"article.published","data":{"article":{"slug":"x"}}}')
        RETURNING id)
      INSERT INTO webhook_deliveries (event_id, endpoint_id) SELECT id, '${endpoint.id}' FROM event`);

    const first = await receiver.next();
    await apis[0]!.stop('SIGKILL');
    const [inFlight] = (await db.query('SELECT status, lease_until FROM webhook_deliveries')).rows;
    expect(inFlight.status).toBe('pending');
    expect(inFlight.lease_until).not.toBeNull();

    apis.push(await startApi(env()));
    const second = await receiver.next();
    expect(second.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(new Webhook(secret).verify(second.body, second.headers)).toMatchObject({
      type: 'article.published',
    });
    await waitUntil(
      async () =>
        (await db.query('SELECT status FROM webhook_deliveries')).rows[0].status === 'delivered',
      20_000,
    );
    expect(receiver.received).toHaveLength(2);
  } finally {
    await db.end();
  }
}, 120_000);
