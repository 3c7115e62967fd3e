import { randomUUID } from 'node:crypto';
import type { EntityManager, QueryRunner } from 'typeorm';
import { buildReportPolicy, createArticle } from '../../../test/factories.js';
import { useTestDatabase, type TestDatabase } from '../../../test/test-database.js';
import { Role } from '../auth/role.js';
import type { Viewer } from '../auth/viewer.js';
import { admitAttempts, fileReports, flagPages } from '../reports/report-batch.store.js';
import { ModerationAction, ReportReason } from '../reports/report-enums.js';
import { ReportService } from '../reports/report.service.js';
import { reporterIdentity } from '../reports/reporter-identity.js';
import { ManualClock } from './clock.js';
import { ModerationService } from './moderation.service.js';
import { flagPage, lockPage } from './page-moderation.store.js';

// A page's lock is its article's row lock, taken by lock_page (page-lock.ts), which reads the
// page only once the lock was granted: these pin that report batches and moderators run one
// at a time on a page, and that whoever waited reads what the holder committed, the moderation
// row included. Every wait is observed in pg_locks (a lock on the holder's transaction asked
// for and not granted), never guessed from a timer.

const SECRET = 'page-lock-test-reporter-key-secret';
const POLICY = buildReportPolicy();
const MODERATOR: Viewer = {
  kind: 'token',
  userId: null,
  sessionId: null,
  tokenId: null,
  name: 'Moderator',
  role: Role.MODERATOR,
};

let db: TestDatabase;
let articleId: string;
let holder: QueryRunner | null = null;
let reports: ReportService;

const database = useTestDatabase();

beforeEach(async () => {
  db = database();
  await db.reset();
  await createArticle(db.dataSource, { title: 'Page one' });
  [{ id: articleId }] = await db.dataSource.query(
    `SELECT id FROM articles WHERE slug = 'page-one'`,
  );
  reports = new ReportService(db.dataSource, POLICY, new ManualClock());
});
afterEach(async () => {
  if (holder?.isTransactionActive) await holder.rollbackTransaction();
  await holder?.release();
  holder = null;
  await reports.close();
});

/** A transaction of its own, as another process's would be. */
async function openTransaction(): Promise<EntityManager> {
  holder = db.dataSource.createQueryRunner();
  await holder.connect();
  await holder.startTransaction();
  return holder.manager;
}

/** The open transaction's id (it has one once it has locked or written a row). */
async function holderXid(): Promise<string> {
  const [{ xid }] = await holder!.query(`SELECT xid(pg_current_xact_id())::text AS xid`);
  return xid as string;
}

/** Resolves once some session waits for the transaction `xid` (asked for, not granted). */
async function someoneWaitsFor(xid: string): Promise<void> {
  for (;;) {
    const [{ n }] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM pg_locks
        WHERE locktype = 'transactionid' AND transactionid::text = $1 AND NOT granted`,
      [xid],
    );
    if (n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const submit = (address: string) =>
  reports
    .submit(
      { articleSlug: 'page-one', reason: ReportReason.SPAM, idempotencyKey: randomUUID() },
      reporterIdentity(address, SECRET),
    )
    .then(
      (receipt) => ({ receipt: receipt.receipt, code: null }),
      (error: { extensions?: { code?: string }; message: string }) => ({
        receipt: null,
        code: error.extensions?.code ?? error.message,
      }),
    );

const reportCount = async () =>
  (await db.dataSource.query(`SELECT count(*)::int AS n FROM reports`))[0].n as number;

describe("a page's row lock", () => {
  it('holds a batch of reports until a moderator who has the page commits, and the batch reads the decision', async () => {
    const moderator = await openTransaction();
    expect(await lockPage(moderator, articleId)).not.toBeNull();
    const xid = await holderXid();

    const answer = submit('203.0.113.7');
    await someoneWaitsFor(xid);
    // the moderator removes the page while the batch waits for it
    await moderator.query(`UPDATE articles SET moderation_state = 'removed' WHERE id = $1`, [
      articleId,
    ]);
    await holder!.commitTransaction();

    expect(await answer).toEqual({ receipt: null, code: 'BAD_USER_INPUT' });
    expect(await reportCount()).toBe(0);
  });

  it('holds a batch of reports until a batch that flagged the page commits, and leaves the flag to the moderators', async () => {
    // two networks' reports: a third network's report reaches the threshold of an unflagged page
    expect((await submit('192.0.2.10')).code).toBeNull();
    expect((await submit('198.51.100.10')).code).toBeNull();
    const flaggedAt = new Date('2026-02-01T08:00:00Z');

    const first = await openTransaction();
    await admitAttempts(
      first,
      [
        {
          limiterKey: 'report:page-lock-test',
          articleSlug: 'page-one',
          sectionAnchor: null,
          idempotencyKey: 'page-lock-test-2',
        },
      ],
      { points: 5, windowMs: 600_000 },
      Date.now(),
    );
    const xid = await holderXid();

    const answer = submit('203.0.113.10');
    await someoneWaitsFor(xid);
    // the first batch flags the page (article_moderation only; the article's row is unchanged)
    await flagPages(first, [{ articleId, reason: 'rate', at: flaggedAt }]);
    await holder!.commitTransaction();

    expect((await answer).code).toBeNull();
    expect(await reportCount()).toBe(3);
    // the second batch saw the flag: the page waits for a moderator, still visible, flagged
    // once, not flagged again as the threshold's burst by a batch that believed it unflagged
    const [page] = await db.dataSource.query(
      `SELECT a.moderation_state, m.auto_hidden, m.flagged_at, m.flag_reason
         FROM articles a JOIN article_moderation m ON m.article_id = a.id WHERE a.id = $1`,
      [articleId],
    );
    expect(page).toEqual({
      moderation_state: 'visible',
      auto_hidden: false,
      flagged_at: flaggedAt,
      flag_reason: 'rate',
    });
  });

  it("holds a moderator's decision until a batch of reports on the page commits, and the decision closes the batch's reports", async () => {
    const batch = await openTransaction();
    const [admitted] = await admitAttempts(
      batch,
      [
        {
          limiterKey: 'report:page-lock-test',
          articleSlug: 'page-one',
          sectionAnchor: null,
          idempotencyKey: 'page-lock-test-1',
        },
      ],
      { points: 5, windowMs: 600_000 },
      Date.now(),
    );
    expect(admitted!.page?.id).toBe(articleId);
    const xid = await holderXid();

    const moderation = new ModerationService(db.dataSource, new ManualClock());
    const decision = moderation.resolveArticle(MODERATOR, articleId, {
      action: ModerationAction.REMOVE_ARTICLE,
      reasons: 'Reviewed against the rules.',
    });
    await someoneWaitsFor(xid);
    await fileReports(
      batch,
      [
        {
          receipt: 'R-0000000001',
          articleId,
          sectionId: null,
          sectionAnchor: null,
          reason: 'spam',
          details: '',
          contactEmail: null,
          reporterKey: 'reporter',
          networkKey: 'network',
          idempotencyKey: 'page-lock-test-1',
          requestHash: 'hash',
          createdAt: new Date(),
          clearedAt: null,
          counted: true,
        },
      ],
      POLICY.windowSeconds,
    );
    await holder!.commitTransaction();

    // the decision ran after the batch: it saw the report and closed it
    expect((await decision).closedReports).toBe(1);
    const [stored] = await db.dataSource.query(`SELECT status FROM reports`);
    expect(stored.status).toBe('actioned');
  });

  it('gives a moderator who waited for the page what the holder committed to its moderation row', async () => {
    const first = await openTransaction();
    await lockPage(first, articleId);
    const xid = await holderXid();

    const second = db.dataSource.transaction((manager) => lockPage(manager, articleId));
    await someoneWaitsFor(xid);
    // only article_moderation changes, as when a batch flags the page: the article's row is
    // not updated, so PostgreSQL's re-read after a row lock's wait does not happen
    await flagPage(first, articleId, 'burst', new Date('2026-11-27T12:00:00Z'));
    await holder!.commitTransaction();

    expect((await second)?.flaggedAt).toEqual(new Date('2026-11-27T12:00:00Z'));
  });
});
