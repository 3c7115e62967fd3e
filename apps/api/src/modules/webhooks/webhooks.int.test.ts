import { randomUUID } from 'node:crypto';
import { FORWARDED_ADDRESS_HEADER, FORWARDING_SECRET_HEADER } from '@folio/contract';
import pino from 'pino';
import { Client, type Pool } from 'pg';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { Webhook } from 'standardwebhooks';
import { parseMarkdownArticle, prepareArticle } from '@folio/content';
import { useApiTestContext } from '../../../test/api-test-context.js';
import { watchContentNotifications } from '../../../test/content-notifications.js';
import { TEST_FORWARDING_SECRET } from '../../../test/test-api.js';
import { bearerFor, Role } from '../../../test/tokens.js';
import { WebhookReceiver, type ReceivedWebhook } from '../../../test/webhook-receiver.js';
import { ContentImportService } from '../content-import/content-import.service.js';
import { EndpointPolicy } from './endpoint-policy.js';
import { MAX_ATTEMPTS } from './retry-schedule.js';
import { WebhookWorker } from './webhook-worker.js';

const context = useApiTestContext({ WEBHOOK_ALLOW_PRIVATE: 'true', REPORT_REVIEW_THRESHOLD: '10' });
const silent = pino({ level: 'silent' });
let receiver: WebhookReceiver;
let admin: Record<string, string>;
let editor: Record<string, string>;
let moderator: Record<string, string>;
/** The workers' clock: tests move it instead of waiting. */
let now: Date;

beforeAll(async () => {
  receiver = await new WebhookReceiver().start();
});
afterAll(async () => {
  await receiver?.close();
});
beforeEach(async () => {
  await context.db.reset();
  await context.db.dataSource.query(
    'TRUNCATE webhook_endpoints, webhook_events, webhook_deliveries CASCADE',
  );
  receiver.received.length = 0;
  receiver.answers = [];
  receiver.otherwise = 200;
  (receiver as unknown as { consumed: number }).consumed = 0;
  admin = await bearerFor(context.db.dataSource, Role.ADMIN);
  editor = await bearerFor(context.db.dataSource, Role.EDITOR);
  moderator = await bearerFor(context.db.dataSource, Role.MODERATOR);
  now = new Date();
});

/** The workers' clock reads the present: events written so far are due. */
const tick = () => {
  now = new Date();
};

function worker(
  options: {
    leaseMs?: number;
    dataSource?: typeof context.db.dataSource;
    realClock?: boolean;
  } = {},
) {
  return new WebhookWorker(
    options.dataSource ?? context.db.dataSource,
    {
      policy: new EndpointPolicy({ requireHttps: false, allowPrivate: true }),
      timeoutMs: 30_000,
      pollMs: 60_000,
      leaseMs: options.leaseMs,
      clock: options.realClock ? () => new Date() : () => now,
      random: () => 0.5, // no jitter: the schedule's own delays
    },
    silent,
  );
}

async function as(headers: Record<string, string>, query: string, variables = {}) {
  const { data, errors } = await context.api.query(query, variables, headers);
  if (errors) throw new Error(JSON.stringify(errors));
  return data as any;
}

const CREATE = `mutation ($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { secret endpoint { id url events enabled } } }`;
const DELIVERIES = `query ($id: ID!) { webhookDeliveries(endpointId: $id) { totalCount edges { node {
  id messageId eventType status attempts lastError responseStatus nextAttemptAt deliveredAt } } } }`;

async function register(events: string[], url = receiver.url) {
  const data = await as(admin, CREATE, { input: { url, events, description: 'test' } });
  return data.createWebhookEndpoint as { secret: string; endpoint: { id: string } };
}

async function deliveries(endpointId: string) {
  return (await as(admin, DELIVERIES, { id: endpointId })).webhookDeliveries.edges.map(
    (edge: any) => edge.node,
  );
}

/** The receiver's check, with the library's verify: throws unless signed with the secret. */
function verified(secret: string, request: ReceivedWebhook) {
  return new Webhook(secret).verify(request.body, request.headers) as {
    type: string;
    timestamp: string;
    data: any;
  };
}

async function createDraft(title: string) {
  const data = await as(
    editor,
    'mutation ($md: String!) { createArticle(input: { markdown: $md }) { id slug } }',
    { md: `# ${title}\n\nSome text worth reading.\n\n## Part two\n\nMore of it.` },
  );
  return data.createArticle as { id: string; slug: string };
}

async function publish(id: string) {
  await as(editor, 'mutation ($id: ID!) { publishArticle(id: $id) { id } }', { id });
}

async function submitReport(slug: string) {
  const { data, errors } = await context.api.query(
    'mutation ($input: SubmitReportInput!) { submitReport(input: $input) { receipt } }',
    {
      input: {
        articleSlug: slug,
        reason: 'OTHER',
        details: 'Private note from the reporter',
        contactEmail: 'reporter@example.org',
        idempotencyKey: randomUUID(),
      },
    },
    {
      [FORWARDED_ADDRESS_HEADER]: '203.0.113.77',
      [FORWARDING_SECRET_HEADER]: TEST_FORWARDING_SECRET,
    },
  );
  if (errors) throw new Error(JSON.stringify(errors));
  return data!.submitReport.receipt as string;
}

describe('managing endpoints', () => {
  it('gives admins a whsec_ secret once, lists, updates, rotates and deletes, with an audit entry each', async () => {
    const { secret, endpoint } = await register(['article.published']);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const listed = await as(admin, '{ webhookEndpoints { id url events enabled description } }');
    expect(listed.webhookEndpoints).toEqual([
      {
        id: endpoint.id,
        url: receiver.url,
        events: ['article.published'],
        enabled: true,
        description: 'test',
      },
    ]);
    // The secret is never readable again: the type has no such field.
    expect(
      (await context.api.query('{ webhookEndpoints { secret } }', {}, admin)).errors,
    ).toBeDefined();

    const updated = await as(
      admin,
      `mutation ($id: ID!) { updateWebhookEndpoint(id: $id, input: { events: ["report.created", "report.resolved"], enabled: false }) { events enabled } }`,
      { id: endpoint.id },
    );
    expect(updated.updateWebhookEndpoint).toEqual({
      events: ['report.created', 'report.resolved'],
      enabled: false,
    });
    const rotated = await as(
      admin,
      'mutation ($id: ID!) { rotateWebhookSecret(id: $id) { secret } }',
      {
        id: endpoint.id,
      },
    );
    expect(rotated.rotateWebhookSecret.secret).toMatch(/^whsec_/);
    expect(rotated.rotateWebhookSecret.secret).not.toBe(secret);
    expect(
      (
        await as(admin, 'mutation ($id: ID!) { deleteWebhookEndpoint(id: $id) }', {
          id: endpoint.id,
        })
      ).deleteWebhookEndpoint,
    ).toBe(true);
    expect((await as(admin, '{ webhookEndpoints { id } }')).webhookEndpoints).toEqual([]);

    const audit = await as(
      admin,
      '{ auditEvents(first: 10) { edges { node { action targetId } } } }',
    );
    expect(
      audit.auditEvents.edges
        .map((edge: any) => edge.node)
        .filter((event: any) => event.targetId === endpoint.id)
        .map((event: any) => event.action)
        .reverse(),
    ).toEqual(['webhook.create', 'webhook.update', 'webhook.rotate_secret', 'webhook.delete']);
  });

  it('refuses editors and moderators, unknown event types and empty lists', async () => {
    for (const headers of [editor, moderator]) {
      const { errors } = await context.api.query(
        CREATE,
        {
          input: { url: receiver.url, events: ['article.published'] },
        },
        headers,
      );
      expect(errors![0]!.extensions!.code).toBe('FORBIDDEN');
    }
    for (const events of [['article.deleted'], []]) {
      const { errors } = await context.api.query(
        CREATE,
        { input: { url: receiver.url, events } },
        admin,
      );
      expect(errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      expect(errors![0]!.message).toContain('Allowed: article.published');
    }
    expect((await as(admin, '{ webhookEndpoints { id } }')).webhookEndpoints).toEqual([]);
  });
});

describe('events', () => {
  it('purges no cache on a round with nothing to announce', async () => {
    await createDraft('Quiet day');
    const notifications = await watchContentNotifications(context.db.dataSource);
    try {
      await notifications.since();
      tick();
      await worker().runOnce();
      expect(await notifications.since()).toEqual([]);
    } finally {
      await notifications.close();
    }
  });

  it('announces a scheduled article once when its time comes, whichever worker sees it first', async () => {
    const { secret } = await register(['article.published']);
    const draft = await createDraft('Embargoed news');
    const at = new Date(Date.now() + 60 * 60_000).toISOString();
    await as(
      editor,
      'mutation ($id: ID!, $at: DateTime) { publishArticle(id: $id, input: { at: $at }) { id } }',
      {
        id: draft.id,
        at,
      },
    );
    tick();
    await Promise.all([worker().runOnce(), worker().runOnce()]);
    expect(receiver.received).toEqual([]); // not yet: scheduling is nobody's business

    // The hour passes (the article's date moved instead of the clocks).
    await context.db.dataSource.query(
      `UPDATE articles SET published_at = now() - interval '1 second' WHERE id = $1`,
      [draft.id],
    );
    tick();
    await Promise.all([worker().runOnce(), worker().runOnce()]);
    tick();
    while ((await worker().runOnce()) > 0);
    expect(receiver.received).toHaveLength(1);
    const event = verified(secret, receiver.received[0]!);
    expect(event.type).toBe('article.published');
    expect(event.data.article).toMatchObject({
      id: draft.id,
      slug: draft.slug,
      title: 'Embargoed news',
      status: 'published',
    });

    const audit = await as(
      admin,
      `{ auditEvents(first: 5, action: "article.publish") { edges { node { actorId targetId details } } } }`,
    );
    expect(audit.auditEvents.edges.map((edge: any) => edge.node)).toEqual([
      { actorId: 'system', targetId: draft.id, details: { scheduled: true } },
    ]);

    // Scheduled again for another date: announced again when that one comes.
    await as(editor, 'mutation ($id: ID!) { unpublishArticle(id: $id) { id } }', { id: draft.id });
    await as(
      editor,
      'mutation ($id: ID!, $at: DateTime) { publishArticle(id: $id, input: { at: $at }) { id } }',
      {
        id: draft.id,
        at,
      },
    );
    await context.db.dataSource.query(
      `UPDATE articles SET published_at = now() - interval '1 second' WHERE id = $1`,
      [draft.id],
    );
    tick();
    await worker().runOnce(); // announces (its deliveries are due from the database's now)
    tick();
    while ((await worker().runOnce()) > 0);
    expect(receiver.received).toHaveLength(2);
  });

  it('announces what an import changes for readers: updates and unpublishing always, new publications when asked', async () => {
    const { secret } = await register([
      'article.published',
      'article.updated',
      'article.unpublished',
    ]);
    const service = new ContentImportService(context.db.dataSource);
    const announcing = new ContentImportService(context.db.dataSource, {
      announcePublications: true,
    });
    const source = (body: string) =>
      prepareArticle(parseMarkdownArticle(`# Imported news\n\n## Part one\n\n${body}`));
    const importAs = async (
      body: string,
      status?: 'published' | 'scheduled' | 'draft',
      by = service,
    ) => (await by.importItem({ article: source(body), sourceKey: 'wp:1', status })).outcome;
    const events = async () => {
      tick();
      while ((await worker().runOnce()) > 0);
      return receiver.received.map((request) => {
        const { type, data } = verified(secret, request);
        return [type, data.article.slug, data.article.status];
      });
    };

    expect(await importAs('A draft.', 'draft')).toBe('created');
    expect(await events()).toEqual([]); // drafts are nobody's business
    await importAs('Published from the archive.', 'published');
    expect(await events()).toEqual([]); // an archive brought in is not news, unless asked
    await importAs('Published, then corrected.', 'published');
    expect(await importAs('Published, then corrected.', 'published')).toBe('unchanged');
    await importAs('Taken back to a draft.', 'draft');
    await importAs('Published again, announced.', 'published', announcing);
    expect(await events()).toEqual([
      ['article.updated', 'imported-news', 'published'],
      ['article.unpublished', 'imported-news', 'draft'],
      ['article.published', 'imported-news', 'published'],
    ]);

    // Scheduled in the source for a date already past: announced once, by the import, and
    // no worker round announces it again.
    receiver.received.length = 0;
    const past = prepareArticle(
      parseMarkdownArticle(
        '---\npublishedAt: 2020-01-02T03:04:05Z\n---\n# Embargo long over\n\n## Part\n\nText.',
      ),
    );
    await announcing.importItem({ article: past, sourceKey: 'wp:2', status: 'scheduled' });
    tick();
    await Promise.all([worker().runOnce(), worker().runOnce()]);
    expect(await events()).toEqual([['article.published', 'embargo-long-over', 'published']]);
  });

  it('delivers signed, verifiable events for publish, edit, unpublish, reports and removal, with no reporter data', async () => {
    const { secret, endpoint } = await register([
      'article.published',
      'article.updated',
      'article.unpublished',
      'article.removed',
      'report.created',
      'report.resolved',
    ]);
    const draft = await createDraft('Signed news');
    const delivered: Array<{ type: string; data: any; id: string }> = [];
    const flush = async () => {
      tick();
      while ((await worker().runOnce()) > 0);
      for (let i = delivered.length; i < receiver.received.length; i++) {
        const request = receiver.received[i]!;
        const body = verified(secret, request);
        delivered.push({ type: body.type, data: body.data, id: request.headers['webhook-id']! });
      }
    };

    const neverPublished = await createDraft('Shelved news');
    await as(editor, 'mutation ($id: ID!) { archiveArticle(id: $id) { id } }', {
      id: neverPublished.id,
    });
    await flush();
    expect(delivered).toEqual([]); // drafts, even archived ones, are nobody's business

    await publish(draft.id);
    await as(
      editor,
      'mutation ($id: ID!) { updateArticle(id: $id, input: { title: "Signed news, revised" }) { id } }',
      {
        id: draft.id,
      },
    );
    await as(editor, 'mutation ($id: ID!) { unpublishArticle(id: $id) { id } }', { id: draft.id });
    await flush();
    expect(delivered.map((d) => d.type)).toEqual([
      'article.published',
      'article.updated',
      'article.unpublished',
    ]);
    expect(delivered[0]!.data.article).toMatchObject({
      id: draft.id,
      slug: draft.slug,
      title: 'Signed news',
    });
    expect(delivered[1]!.data.article.title).toBe('Signed news, revised');

    await publish(draft.id);
    const receipt = await submitReport(draft.slug);
    const [report] = await context.db.dataSource.query(
      'SELECT id FROM reports WHERE receipt = $1',
      [receipt],
    );
    await as(
      moderator,
      'mutation ($id: ID!) { resolveReport(id: $id, input: { action: REMOVE_ARTICLE, reasons: "Breaks the rules", note: "Removed for cause" }) { status } }',
      { id: report.id },
    );
    await flush();
    // One transaction's events are not ordered among themselves; deliveries never promise order.
    expect(
      delivered
        .slice(3)
        .map((d) => d.type)
        .sort(),
    ).toEqual(['article.published', 'article.removed', 'report.created', 'report.resolved']);
    const event = (type: string) => delivered.find((d) => d.type === type)!.data;
    const created = event('report.created');
    expect(created).toEqual({
      report: expect.objectContaining({ id: report.id, reason: 'other', status: 'open' }),
      article: { id: draft.id, slug: draft.slug },
    });
    expect(event('report.resolved').report).toMatchObject({
      id: report.id,
      status: 'actioned',
      resolutionAction: 'remove_article',
    });

    // Every message has its own id, and no body names the reporter or what they wrote.
    expect(new Set(delivered.map((d) => d.id)).size).toBe(delivered.length);
    const bodies = receiver.received.map((r) => r.body).join('\n');
    for (const secretThing of [
      'Private note',
      'reporter@example.org',
      '203.0.113.77',
      receipt,
      'Removed for cause',
    ])
      expect(bodies).not.toContain(secretThing);
    const [{ reporter_key }] = await context.db.dataSource.query(
      'SELECT reporter_key FROM reports',
    );
    expect(bodies).not.toContain(reporter_key);

    const log = await deliveries(endpoint.id);
    expect(log).toHaveLength(7);
    expect(
      log.every(
        (d: any) => d.status === 'DELIVERED' && d.attempts === 1 && d.responseStatus === 200,
      ),
    ).toBe(true);
  });

  it('announces each report a page-wide decision closes, and the removal, once', async () => {
    const { secret } = await register(['article.removed', 'report.resolved']);
    const draft = await createDraft('Contested news');
    await publish(draft.id);
    await submitReport(draft.slug);
    await submitReport(draft.slug);
    await as(
      moderator,
      'mutation ($id: ID!) { resolveArticleReports(articleId: $id, input: { action: REMOVE_ARTICLE, reasons: "Breaks the rules" }) { closedReports } }',
      { id: draft.id },
    );
    tick();
    while ((await worker().runOnce()) > 0);
    const bodies = receiver.received.map((r) => verified(secret, r));
    expect(bodies.map((b) => b.type).sort()).toEqual([
      'article.removed',
      'report.resolved',
      'report.resolved',
    ]);
    const reportIds = await context.db.dataSource.query('SELECT id FROM reports ORDER BY id');
    expect(
      bodies
        .filter((b) => b.type === 'report.resolved')
        .map((b) => b.data.report.id)
        .sort(),
    ).toEqual(reportIds.map((r: { id: string }) => r.id));
  });

  it('sends only the events an endpoint subscribed to, and nothing to disabled endpoints', async () => {
    const reports = await register(['report.created']);
    const off = await register(['article.published']);
    await as(
      admin,
      'mutation ($id: ID!) { updateWebhookEndpoint(id: $id, input: { enabled: false }) { id } }',
      {
        id: off.endpoint.id,
      },
    );
    const draft = await createDraft('Quiet news');
    await publish(draft.id);
    await submitReport(draft.slug);
    tick();
    while ((await worker().runOnce()) > 0);
    expect(receiver.received.map((r) => verified(reports.secret, r).type)).toEqual([
      'report.created',
    ]);
    expect(await deliveries(off.endpoint.id)).toEqual([]);
  });

  it('writes events in the same transaction: a mutation that fails after the outbox write leaves no event', async () => {
    await register(['article.published']);
    const draft = await createDraft('Doomed news');
    // Fails the publish's audit write, which comes after its outbox write, in one transaction.
    await context.db.dataSource.query(`
      CREATE FUNCTION refuse_publish_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit store unavailable'; END $$;
      CREATE TRIGGER refuse_publish_audit BEFORE INSERT ON audit_events
        FOR EACH ROW WHEN (NEW.action = 'article.publish') EXECUTE FUNCTION refuse_publish_audit();`);
    try {
      const { errors } = await context.api.query(
        'mutation ($id: ID!) { publishArticle(id: $id) { id } }',
        { id: draft.id },
        editor,
      );
      expect(errors![0]!.extensions!.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await context.db.dataSource.query(
        'DROP TRIGGER refuse_publish_audit ON audit_events; DROP FUNCTION refuse_publish_audit()',
      );
    }
    const [{ events, pending }] = await context.db.dataSource.query(
      'SELECT (SELECT count(*)::int FROM webhook_events) AS events, (SELECT count(*)::int FROM webhook_deliveries) AS pending',
    );
    expect({ events, pending }).toEqual({ events: 0, pending: 0 });
    expect(await worker().runOnce()).toBe(0);
    expect(receiver.received).toEqual([]);

    await publish(draft.id); // and when it commits, the event is there
    tick();
    expect(await worker().runOnce()).toBe(1);
  });

  it('a running worker is woken by the commit (LISTEN/NOTIFY) and delivers without being asked', async () => {
    const { secret } = await register(['article.published']);
    const running = worker({ realClock: true });
    await running.start();
    try {
      const draft = await createDraft('Prompt news');
      await publish(draft.id);
      const request = await receiver.next();
      expect(verified(secret, request)).toMatchObject({
        type: 'article.published',
        data: { article: { id: draft.id } },
      });
    } finally {
      await running.stop();
    }
  });
});

describe('retries', () => {
  it('retries after a 500 on the backoff schedule, with the same webhook-id, and logs each attempt', async () => {
    const { secret, endpoint } = await register(['article.published']);
    receiver.answers = [500];
    const draft = await createDraft('Flaky news');
    await publish(draft.id);
    tick();

    expect(await worker().runOnce()).toBe(1);
    let [log] = await deliveries(endpoint.id);
    expect(log).toMatchObject({
      status: 'PENDING',
      attempts: 1,
      lastError: 'HTTP 500',
      responseStatus: 500,
    });
    expect(Date.parse(log.nextAttemptAt) - now.getTime()).toBe(5_000);

    now = new Date(now.getTime() + 4_000);
    expect(await worker().runOnce()).toBe(0); // not due yet
    now = new Date(now.getTime() + 1_000);
    expect(await worker().runOnce()).toBe(1);
    [log] = await deliveries(endpoint.id);
    expect(log).toMatchObject({
      status: 'DELIVERED',
      attempts: 2,
      responseStatus: 200,
      lastError: null,
      nextAttemptAt: null,
    });

    const [first, second] = receiver.received;
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    expect(verified(secret, second!).type).toBe('article.published');
  });

  it('marks a delivery failed once the schedule (about a day) is exhausted, and redelivers it on request', async () => {
    const { secret, endpoint } = await register(['article.published']);
    receiver.otherwise = 503;
    const draft = await createDraft('Unlucky news');
    const started = now.getTime();
    await publish(draft.id);
    tick();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      expect(await worker().runOnce()).toBe(1);
      const [log] = await deliveries(endpoint.id);
      if (log.status === 'PENDING') now = new Date(log.nextAttemptAt);
    }
    const [failed] = await deliveries(endpoint.id);
    expect(failed).toMatchObject({
      status: 'FAILED',
      attempts: MAX_ATTEMPTS,
      lastError: 'HTTP 503',
      nextAttemptAt: null,
    });
    const hours = (now.getTime() - started) / 3_600_000;
    expect(hours).toBeGreaterThan(24);
    expect(hours).toBeLessThan(30);
    now = new Date(now.getTime() + 7 * 24 * 3_600_000);
    expect(await worker().runOnce()).toBe(0);
    expect(receiver.received).toHaveLength(MAX_ATTEMPTS);

    receiver.otherwise = 204;
    const redelivered = await as(
      admin,
      'mutation ($id: ID!) { redeliverWebhook(deliveryId: $id) { id status messageId } }',
      {
        id: failed.id,
      },
    );
    expect(redelivered.redeliverWebhook).toMatchObject({
      status: 'PENDING',
      messageId: failed.messageId,
    });
    expect(await worker().runOnce()).toBe(1);
    const last = receiver.received.at(-1)!;
    expect(last.headers['webhook-id']).toBe(failed.messageId);
    expect(verified(secret, last).type).toBe('article.published');
    const log = await deliveries(endpoint.id);
    expect(log.map((d: any) => d.status)).toEqual(['DELIVERED', 'FAILED']);

    // A pending one cannot be redelivered twice over; each redelivery is audited.
    const again = await context.api.query(
      'mutation ($id: ID!) { redeliverWebhook(deliveryId: $id) { id } }',
      { id: failed.id },
      admin,
    );
    expect(again.errors).toBeUndefined();
    const pending = await context.api.query(
      'mutation ($id: ID!) { redeliverWebhook(deliveryId: $id) { id } }',
      {
        id: again.data!.redeliverWebhook.id,
      },
      admin,
    );
    expect(pending.errors![0]!.extensions!.code).toBe('CONFLICT');
    const audit = await as(admin, '{ auditEvents(action: "webhook.redeliver") { totalCount } }');
    expect(audit.auditEvents.totalCount).toBe(2);
  });

  it('disables the endpoint when the receiver answers 410 Gone', async () => {
    const { endpoint } = await register(['article.published']);
    receiver.answers = [410];
    const draft = await createDraft('Gone news');
    await publish(draft.id);
    tick();
    expect(await worker().runOnce()).toBe(1);
    const listed = await as(admin, '{ webhookEndpoints { enabled disabledReason } }');
    expect(listed.webhookEndpoints).toEqual([
      { enabled: false, disabledReason: 'The receiver answered 410 Gone.' },
    ]);
    expect((await deliveries(endpoint.id))[0]).toMatchObject({
      status: 'FAILED',
      responseStatus: 410,
    });
    await as(
      editor,
      'mutation ($id: ID!) { updateArticle(id: $id, input: { title: "Gone again" }) { id } }',
      { id: draft.id },
    );
    now = new Date(now.getTime() + 3_600_000);
    expect(await worker().runOnce()).toBe(0);
    expect(receiver.received).toHaveLength(1);
  });
});

describe('restarts', () => {
  it('loses nothing when a worker dies mid-delivery: another sends it once the claim lapses, same webhook-id', async () => {
    const { secret, endpoint } = await register(['article.published']);
    receiver.answers = ['hold']; // the first attempt never gets an answer
    const draft = await createDraft('Durable news');
    await publish(draft.id);
    tick();

    // The doomed worker has its own connections, like another process.
    const url = (context.db.dataSource.options as { url: string }).url;
    const { createAppDataSource } = await import('../../app-modules.js');
    const doomedDb = createAppDataSource({ url, poolMax: 2 });
    await doomedDb.initialize();
    const doomed = worker({ dataSource: doomedDb, leaseMs: 60_000 });
    const doomedRound = doomed.runOnce();
    const first = await receiver.next();
    await doomedDb.destroy(); // the process is gone: it can record nothing any more

    // While its claim holds, nobody else sends it (no duplicate from a live worker)...
    expect(await worker().runOnce()).toBe(0);
    // ...and once it lapses, a new worker does.
    now = new Date(now.getTime() + 60_001);
    expect(await worker().runOnce()).toBe(1);
    const second = receiver.received[1]!;
    expect(second.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(verified(secret, second)).toMatchObject({
      type: 'article.published',
      data: { article: { id: draft.id } },
    });

    receiver.releaseHeld();
    await doomedRound; // its late failure cannot overwrite the newer outcome
    expect((await deliveries(endpoint.id))[0]).toMatchObject({ status: 'DELIVERED', attempts: 2 });
  });

  it('a worker stopped mid-delivery (graceful shutdown) hands the claim back at once', async () => {
    const { secret, endpoint } = await register(['article.published']);
    receiver.answers = ['hold'];
    const draft = await createDraft('Handed-over news');
    await publish(draft.id);
    const stopping = worker({ leaseMs: 60_000, realClock: true });
    await stopping.start();
    const first = await receiver.next();
    await stopping.stop();
    expect((await deliveries(endpoint.id))[0]).toMatchObject({ status: 'PENDING', attempts: 0 });

    // The present: no need to wait for a lease to lapse.
    tick();
    expect(await worker().runOnce()).toBe(1);
    const second = receiver.received[1]!;
    expect(second.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(verified(secret, second).type).toBe('article.published');
    receiver.releaseHeld();
  });
  it('stops cleanly when the database drops its listening connection as the process stops', async () => {
    // npm start's Ctrl-C stops PostgreSQL and the API together: the connection the worker
    // listened on breaks after stop() has handed it back, and a second release used to throw.
    const pool = (context.db.dataSource.driver as PostgresDriver).master as Pool;
    const stopping = worker();
    await stopping.start();
    await stopping.stop();
    const before = pool.totalCount;
    // Looked up from a connection of its own: the pool would lend out the very one we look for.
    const admin = new Client(pool.options);
    await admin.connect();
    try {
      const { rows } = await admin.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity
          WHERE datname = current_database() AND query LIKE 'UNLISTEN%'`,
      );
      expect(rows.length).toBeGreaterThan(0);
      await admin.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [
        rows.map((row) => row.pid),
      ]);
    } finally {
      await admin.end();
    }
    // The pool notices the broken idle connection and drops it; nothing is thrown meanwhile.
    for (let waited = 0; pool.totalCount >= before && waited < 30_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(pool.totalCount).toBeLessThan(before);
  });
});
