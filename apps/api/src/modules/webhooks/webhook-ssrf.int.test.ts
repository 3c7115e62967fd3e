import pino from 'pino';
import { useApiTestContext } from '../../../test/api-test-context.js';
import { bearerFor, Role } from '../../../test/tokens.js';
import { WebhookReceiver } from '../../../test/webhook-receiver.js';
import { EndpointPolicy } from './endpoint-policy.js';
import { WebhookWorker } from './webhook-worker.js';

// The API as deployed: WEBHOOK_ALLOW_PRIVATE unset.
const context = useApiTestContext();
let receiver: WebhookReceiver;
let admin: Record<string, string>;

beforeAll(async () => {
  receiver = await new WebhookReceiver().start();
  admin = await bearerFor(context.db.dataSource, Role.ADMIN);
});
afterAll(async () => {
  await receiver?.close();
});

const CREATE = `mutation ($url: String!) {
  createWebhookEndpoint(input: { url: $url, events: ["article.published"] }) { secret } }`;

describe('webhook endpoints and SSRF', () => {
  it.each([
    'http://127.0.0.1:9/hook',
    'http://localhost:9/hook',
    'http://[::1]:9/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://10.0.0.8/hook',
    'http://[fd00::8]/hook',
  ])('refuses to register %s, and stores nothing', async (url) => {
    const { errors } = await context.api.query(CREATE, { url }, admin);
    expect(errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(errors![0]!.message).toMatch(/public addresses/);
    const [{ n }] = await context.db.dataSource.query(
      'SELECT count(*)::int AS n FROM webhook_endpoints',
    );
    expect(n).toBe(0);
  });

  it('checks again at delivery: a host that now resolves to loopback gets nothing', async () => {
    // As if hooks.example.com had been registered, then its DNS pointed at this machine.
    const url = receiver.url.replace('127.0.0.1', 'localhost');
    const [endpoint] = await context.db.dataSource.query(
      `INSERT INTO webhook_endpoints (url, events, secret) VALUES ($1, '{article.published}', $2)
       RETURNING id`,
      [url, 'whsec_' + Buffer.alloc(32, 7).toString('base64')],
    );
    const [event] = await context.db.dataSource.query(
      `INSERT INTO webhook_events (type, payload) VALUES ('article.published', '{}') RETURNING id`,
    );
    await context.db.dataSource.query(
      'INSERT INTO webhook_deliveries (event_id, endpoint_id) VALUES ($1, $2)',
      [event.id, endpoint.id],
    );
    const worker = new WebhookWorker(
      context.db.dataSource,
      {
        policy: new EndpointPolicy({ requireHttps: false, allowPrivate: false }),
        timeoutMs: 30_000,
        pollMs: 60_000,
      },
      pino({ level: 'silent' }),
    );
    expect(await worker.runOnce()).toBe(1);
    expect(receiver.received).toEqual([]);
    const [delivery] = await context.db.dataSource.query(
      'SELECT status, attempts, last_error FROM webhook_deliveries',
    );
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1 });
    expect(delivery.last_error).toMatch(
      /The host localhost is (127\.0\.0\.1|::1), a loopback address/,
    );

    // Where the operator allows private addresses, the same name is resolved and delivered to.
    const allowing = new WebhookWorker(
      context.db.dataSource,
      {
        policy: new EndpointPolicy({ requireHttps: false, allowPrivate: true }),
        timeoutMs: 30_000,
        pollMs: 60_000,
        clock: () => new Date(Date.now() + 3_600_000), // past the retry's due time
      },
      pino({ level: 'silent' }),
    );
    expect(await allowing.runOnce()).toBe(1);
    expect(receiver.received).toHaveLength(1);
    const [after] = await context.db.dataSource.query('SELECT status FROM webhook_deliveries');
    expect(after.status).toBe('delivered');
  });
});
