import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { buildReportPolicy, createArticle } from '../../../test/factories.js';
import { useTestDatabase, type TestDatabase } from '../../../test/test-database.js';
import { createAppDataSource } from '../../app-modules.js';
import { ManualClock } from '../moderation/clock.js';
import { ReportReason } from './report-enums.js';
import type { SubmitReportInput } from './report.inputs.js';
import { ReportService } from './report.service.js';
import { reporterIdentity } from './reporter-identity.js';

// Group commit, driven at the service with a flush trigger the test fires itself: every
// submission made before `flush.fire()` lands in the same batch, on any machine, at any speed.

const SECRET = 'batch-test-reporter-key-secret';
const POLICY = buildReportPolicy();

/** A flush trigger that runs only when the test says so. */
class ManualFlush {
  private readonly waiting: Array<() => void> = [];
  readonly schedule = (flush: () => void) => void this.waiting.push(flush);
  fire(): void {
    for (const flush of this.waiting.splice(0)) flush();
  }
}

let db: TestDatabase;
let clock: ManualClock;
let flush: ManualFlush;
let service: ReportService;

const database = useTestDatabase();

beforeEach(async () => {
  db = database();
  await db.reset();
  for (const title of ['Page one', 'Page two', 'Page three'])
    await createArticle(db.dataSource, { title });
  clock = new ManualClock();
  flush = new ManualFlush();
  service = batchingService(db.dataSource);
});
afterEach(async () => {
  flush.fire();
  await service.close();
});

/** The service under test: batches of up to 100, one in flight, flushed when a test says. */
function batchingService(dataSource: DataSource): ReportService {
  return new ReportService(dataSource, POLICY, clock, {
    maxBatch: 100,
    maxQueue: 100,
    maxInFlight: 1,
    schedule: flush.schedule,
  });
}

const input = (overrides: Partial<SubmitReportInput> = {}): SubmitReportInput => ({
  articleSlug: 'page-one',
  reason: ReportReason.SPAM,
  idempotencyKey: randomUUID(),
  ...overrides,
});

/** Submits every report now, fires one flush, and waits for all answers. */
async function oneBatch(submissions: Array<[SubmitReportInput, string]>) {
  const answers = submissions.map(([report, address]) =>
    service.submit(report, reporterIdentity(address, SECRET)).then(
      (receipt) => ({ receipt: receipt.receipt, code: null }),
      (error: { extensions?: { code?: string }; message: string }) => ({
        receipt: null,
        code: error.extensions?.code ?? error.message,
      }),
    ),
  );
  flush.fire();
  return Promise.all(answers);
}

const storedReports = async () =>
  (await db.dataSource.query(`SELECT receipt, idempotency_key FROM reports`)) as Array<{
    receipt: string;
    idempotency_key: string;
  }>;

const pageState = async (slug = 'page-one') =>
  (
    await db.dataSource.query(
      `SELECT a.moderation_state, m.flag_reason FROM articles a
         LEFT JOIN article_moderation m ON m.article_id = a.id WHERE a.slug = $1`,
      [slug],
    )
  )[0] as { moderation_state: string; flag_reason: string | null };

describe('group commit of reports', () => {
  it('files 50 concurrent reports in one transaction of five statements, each once', async () => {
    const pages = ['page-one', 'page-two', 'page-three'];
    const submissions = Array.from(
      { length: 50 },
      (_, i) =>
        [
          input({ articleSlug: pages[i % 3]!, sectionAnchor: i % 2 ? 'section-1' : null }),
          `198.51.100.${i + 1}`,
        ] as [SubmitReportInput, string],
    );
    // 50 readers of one network: one voice, under the review threshold (crossing it costs the
    // page's flag or hide and its audit event on top, see below).
    db.statements.reset();
    const answers = await oneBatch(submissions);

    // BEGIN, admit (rate limit, replays, page locks), file (insert and counts), outbox, COMMIT.
    expect(db.statements.count).toBe(5);
    expect(answers.every((answer) => answer.code === null)).toBe(true);
    const receipts = answers.map((answer) => answer.receipt);
    expect(new Set(receipts).size).toBe(50);
    const stored = await storedReports();
    expect(stored.map((row) => row.receipt).sort()).toEqual([...receipts].sort());
    expect(stored.map((row) => row.idempotency_key).sort()).toEqual(
      submissions.map(([report]) => report.idempotencyKey).sort(),
    );
  });

  it('costs the same five statements for 5 reports as for 50', async () => {
    db.statements.reset();
    const answers = await oneBatch(
      Array.from({ length: 5 }, (_, i) => [input(), `203.0.113.${i + 1}`]),
    );
    expect(answers.every((answer) => answer.code === null)).toBe(true);
    expect(db.statements.count).toBe(5);
  });

  it('writes one report.created webhook event per report of a batch, in the same statements', async () => {
    await db.dataSource.query(
      `INSERT INTO webhook_endpoints (url, events, secret)
       VALUES ('https://hooks.example.com/folio', '{report.created}', 'whsec_batch_test')`,
    );
    try {
      db.statements.reset();
      const answers = await oneBatch(
        Array.from({ length: 3 }, (_, i) => [input(), `203.0.113.${i + 1}`]),
      );
      expect(db.statements.count).toBe(5);
      const events = await db.dataSource.query(
        `SELECT e.payload->'data'->'report'->>'id' AS report_id, count(d.*)::int AS deliveries
           FROM webhook_events e JOIN webhook_deliveries d ON d.event_id = e.id
          WHERE e.type = 'report.created' GROUP BY e.id`,
      );
      const ids = await db.dataSource.query(`SELECT id FROM reports WHERE receipt = ANY ($1)`, [
        answers.map((answer) => answer.receipt),
      ]);
      expect(ids).toHaveLength(3);
      expect(events.map((event: any) => event.report_id).sort()).toEqual(
        ids.map((row: any) => row.id).sort(),
      );
      expect(events.every((event: any) => event.deliveries === 1)).toBe(true);
    } finally {
      await db.dataSource.query(
        'TRUNCATE webhook_endpoints, webhook_events, webhook_deliveries CASCADE',
      );
    }
  });

  it('answers replays in the same batch with the same receipt, and a changed payload with CONFLICT', async () => {
    const earlier = input({ articleSlug: 'page-two' });
    const [first] = await oneBatch([[earlier, '192.0.2.1']]);
    const earlierReceipt = first!.receipt;
    const same = input();
    const answers = await oneBatch([
      [same, '203.0.113.1'],
      [same, '203.0.113.2'], // the same report again, from another reader, at the same moment
      [{ ...same, reason: ReportReason.COPYRIGHT }, '203.0.113.3'], // the key with another payload
      [earlier, '203.0.113.4'], // a key filed in an earlier batch
    ]);
    expect(answers[0]!.receipt).toMatch(/^R-[0-9A-Z]{10}$/);
    expect(answers.map((answer) => answer.code)).toEqual([null, null, 'CONFLICT', null]);
    expect(answers[1]!.receipt).toBe(answers[0]!.receipt);
    expect(answers[3]!.receipt).toBe(earlierReceipt);
    expect((await storedReports()).length).toBe(2);
  });

  it('refuses the sixth report of one reporter in a batch, and charges every attempt', async () => {
    const reporter = '203.0.113.9';
    const replay = input();
    const answers = await oneBatch([
      [replay, reporter],
      ...Array.from({ length: 4 }, (): [SubmitReportInput, string] => [input(), reporter]),
      [input(), reporter],
      [input(), '198.51.100.9'], // another reporter in the same batch is not affected
    ]);
    expect(answers.map((answer) => answer.code)).toEqual([
      null,
      null,
      null,
      null,
      null,
      'RATE_LIMITED',
      null,
    ]);
    expect((await storedReports()).length).toBe(6);
    // Replays and refused attempts are charged too: this reporter stays refused.
    const again = await oneBatch([
      [replay, reporter],
      [input({ articleSlug: 'no-such-page' }), reporter],
    ]);
    expect(again.map((answer) => answer.code)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
  });

  it('hides a page once when its third network reports within the same batch', async () => {
    await oneBatch([[input(), '203.0.113.1']]);
    clock.advance(20 * 60_000);
    await oneBatch([[input(), '198.51.100.1']]);
    clock.advance(20 * 60_000);
    const answers = await oneBatch([
      [input(), '192.0.2.1'], // the third network: the threshold is reached here
      [input(), '2001:db8:5::1'],
      [input(), '100.64.0.1'],
      [input({ articleSlug: 'page-two' }), '100.64.9.1'],
    ]);
    expect(answers.every((answer) => answer.code === null)).toBe(true);
    expect(await pageState()).toEqual({ moderation_state: 'under_review', flag_reason: null });
    expect((await pageState('page-two')).moderation_state).toBe('visible');
    const audit = await db.dataSource.query(`SELECT action, details FROM audit_events`);
    // One decision, counted at the report that crossed: three networks, not five.
    expect(audit).toEqual([
      { action: 'article.under_review', details: { networks: 3, reporters: 3, threshold: 3 } },
    ]);
  });

  it('flags, once, a burst of networks arriving in one batch', async () => {
    await oneBatch(
      Array.from({ length: 6 }, (_, i): [SubmitReportInput, string] => [input(), `10.${i}.0.1`]),
    );
    expect(await pageState()).toEqual({ moderation_state: 'visible', flag_reason: 'burst' });
    const audit = await db.dataSource.query(`SELECT action, details FROM audit_events`);
    expect(audit).toEqual([
      {
        action: 'article.flagged',
        details: { networks: 3, reporters: 3, threshold: 3, signal: 'burst' },
      },
    ]);
  });

  it('flags every page a batch flags in two more statements, each with its audit event', async () => {
    // page-two already has a report from two networks: one more network crosses there too,
    // with other counts in its audit event than the pages flagged by three reports of the batch
    await oneBatch([
      [input({ articleSlug: 'page-two' }), '192.0.2.1'],
      [input({ articleSlug: 'page-two' }), '192.0.3.1'],
      [input({ articleSlug: 'page-two' }), '192.0.3.2'],
    ]);
    db.statements.reset();
    const pages = ['page-one', 'page-three'];
    const answers = await oneBatch([
      ...Array.from({ length: 6 }, (_, i): [SubmitReportInput, string] => [
        input({ articleSlug: pages[i % 2]! }),
        `10.${i}.0.1`,
      ]),
      [input({ articleSlug: 'page-two' }), '10.9.0.1'],
    ]);
    expect(answers.every((answer) => answer.code === null)).toBe(true);
    // the five statements, the three pages' flags, and one audit statement per distinct event
    expect(db.statements.count).toBe(5 + 1 + 2);
    for (const slug of ['page-one', 'page-two', 'page-three'])
      expect(await pageState(slug)).toEqual({ moderation_state: 'visible', flag_reason: 'burst' });
    const audit = await db.dataSource.query(
      `SELECT a.slug, e.action, e.details, e.actor_id FROM audit_events e
         JOIN articles a ON a.id::text = e.target_id ORDER BY a.slug`,
    );
    expect(audit).toEqual([
      {
        slug: 'page-one',
        action: 'article.flagged',
        details: { networks: 3, reporters: 3, threshold: 3, signal: 'burst' },
        actor_id: 'system',
      },
      {
        slug: 'page-three',
        action: 'article.flagged',
        details: { networks: 3, reporters: 3, threshold: 3, signal: 'burst' },
        actor_id: 'system',
      },
      {
        slug: 'page-two',
        action: 'article.flagged',
        details: { networks: 3, reporters: 4, threshold: 3, signal: 'burst' },
        actor_id: 'system',
      },
    ]);
  });

  it('files the others when one report breaks the batch, and fails that one alone', async () => {
    const answers = await oneBatch([
      [input(), '203.0.113.1'],
      // Past the API's input rules (they refuse NUL bytes): PostgreSQL refuses it, failing
      // the batch's transaction, which is then filed report by report.
      [input({ reason: ReportReason.OTHER, details: 'nul \u0000 byte' }), '203.0.113.2'],
      [input(), '203.0.113.3'],
    ]);
    expect(answers[0]!.code).toBeNull();
    expect(answers[1]!.code).not.toBeNull();
    expect(answers[2]!.code).toBeNull();
    expect((await storedReports()).map((row) => row.receipt).sort()).toEqual(
      [answers[0]!.receipt, answers[2]!.receipt].sort(),
    );
  });

  it('refuses submissions past the queue cap at once, storing nothing for them', async () => {
    await service.close();
    service = new ReportService(db.dataSource, POLICY, clock, {
      maxBatch: 100,
      maxQueue: 3,
      maxInFlight: 1,
      schedule: flush.schedule,
    });
    const answers = await oneBatch(
      Array.from({ length: 4 }, (_, i): [SubmitReportInput, string] => [input(), `10.0.${i}.1`]),
    );
    expect(answers.map((answer) => answer.code)).toEqual([null, null, null, 'RATE_LIMITED']);
    expect((await storedReports()).length).toBe(3);
  });

  it('commits what was queued before closing, and refuses what comes after', async () => {
    const queued = [input(), input()].map((report, i) =>
      service.submit(report, reporterIdentity(`10.1.${i}.1`, SECRET)),
    );
    // No flush fired: closing alone must commit them, before the pool may close.
    await service.close();
    const receipts = await Promise.all(queued);
    expect((await storedReports()).map((row) => row.receipt).sort()).toEqual(
      receipts.map((receipt) => receipt.receipt).sort(),
    );
    await expect(
      service.submit(input(), reporterIdentity('10.2.0.1', SECRET)),
    ).rejects.toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
  });
});

// The batch's statements are named (prepared once per connection) and size-blind, so that
// PostgreSQL stops planning them after a handful of batches (db/prepared-statement.ts). On a
// pool of one connection, every batch runs on the same one, whose plans can then be read.
describe('the prepared statements of a batch', () => {
  let single: DataSource;
  const backend = async () =>
    ((await single.query('SELECT pg_backend_pid() AS pid')) as Array<{ pid: number }>)[0]!.pid;

  beforeEach(async () => {
    single = createAppDataSource({
      url: (db.dataSource.options as { url: string }).url,
      poolMax: 1,
    });
    await single.initialize();
    await service.close();
    service = batchingService(single);
  });
  afterEach(async () => {
    flush.fire();
    await service.close();
    await single.destroy();
  });

  it('are planned five times on a connection, not once per batch, however small the batches', async () => {
    // one report per batch: the size at which a custom plan always looked cheaper
    for (let i = 0; i < 8; i++) {
      const [answer] = await oneBatch([[input(), `203.0.113.${i + 1}`]]);
      expect(answer!.code).toBeNull();
    }
    const plans = await single.query(
      `SELECT name, generic_plans::int AS generic, custom_plans::int AS custom
         FROM pg_prepared_statements ORDER BY name`,
    );
    expect(plans).toEqual([
      { name: 'reports-admit-attempts', generic: 3, custom: 5 },
      { name: 'reports-file-batch', generic: 3, custom: 5 },
      { name: 'webhooks-reports-created', generic: 3, custom: 5 },
    ]);
  });

  it('are prepared again on a new connection when theirs lost them, and the batch is filed', async () => {
    await oneBatch([[input(), '203.0.113.1']]);
    const first = await backend();
    // what a pooler or an operator's DISCARD ALL does to the connection: pg still believes
    // the statements prepared there
    await single.query('DEALLOCATE ALL');

    const answers = await oneBatch(
      Array.from({ length: 3 }, (_, i): [SubmitReportInput, string] => [input(), `10.3.${i}.1`]),
    );
    expect(answers.map((answer) => answer.code)).toEqual([null, null, null]);
    const stored = (await storedReports()).map((row) => row.receipt);
    for (const answer of answers) expect(stored).toContain(answer.receipt);
    expect(stored).toHaveLength(4);
    expect(await backend()).not.toBe(first);
  });
});
