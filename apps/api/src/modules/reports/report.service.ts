import { createHash, randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { lostPreparedStatement } from '../../db/prepared-statement.js';
import { ConflictError, RateLimitedError } from '../../errors/api-errors.js';
import { BadUserInputError } from '../../errors/bad-user-input.error.js';
import { ModerationState } from '../articles/article-status.js';
import { recordAudit, recordAuditMany } from '../audit/audit.service.js';
import { webhookOutbox } from '../webhooks/webhook-outbox.js';
import { GroupCommitQueue, QueueFullError } from './group-commit-queue.js';
import {
  admitAttempts,
  fileReports,
  flagPages,
  type Admission,
  type Filed,
  type NewReport,
} from './report-batch.store.js';
import { ModerationAction, ReportReason, ReportStatus } from './report-enums.js';
import { Report } from './report.entity.js';
import type { SubmitReportInput } from './report.inputs.js';
import type { ReportReceipt, ReportStatusInfo } from './report.types.js';
import type { ReporterIdentity } from './reporter-identity.js';
import { reviewVerdict, type FlagReason, type ReviewPolicy } from './review-policy.js';
import { AppealStatus } from '../moderation/appeal-enums.js';
import { appealDeadline, withinAppealWindow } from '../moderation/appeal-window.js';
import { systemClock, type Clock } from '../moderation/clock.js';
import { PageEvent, PageState, transition } from '../moderation/moderation-state-machine.js';
import {
  autoHidesSince,
  storeTransition,
  toPageModeration,
  type PageModeration,
} from '../moderation/page-moderation.store.js';

export interface ReportPolicy extends ReviewPolicy {
  /** Reports one reporter may file per window. */
  rateLimit: number;
  rateWindowSeconds: number;
}

/** How reports are grouped into transactions (see group-commit-queue.ts). */
export interface ReportBatching {
  /** Reports per transaction at most. */
  maxBatch: number;
  /** Reports waiting for a transaction at most; past it a submission is refused at once. */
  maxQueue: number;
  /** Transactions of reports committing at the same time at most. */
  maxInFlight: number;
  /** Runs a flush later (the next turn of the event loop); tests fire it themselves. */
  schedule?: (flush: () => void) => void;
  /**
   * The rate limiter's time: the system clock, as rate-limiter-flexible used, even when
   * moderation runs on a test's manual clock (its windows are real minutes).
   */
  limiterClock?: Clock;
}

export const DEFAULT_REPORT_BATCHING: ReportBatching = {
  maxBatch: 100,
  maxQueue: 2_000,
  maxInFlight: 2,
};

const RECEIPT = /^R-[0-9A-Z]{10}$/;
const RECEIPT_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford: no I, L, O, U
const HOUR_MS = 3_600_000;
/** The rate limiter's keys, as rate-limiter-flexible prefixed them (windows carry on). */
const LIMITER_PREFIX = 'report:';

/** A submission waiting for its batch's commit. */
interface PendingReport {
  input: SubmitReportInput;
  reporter: ReporterIdentity;
  details: string;
  requestHash: string;
  /** When it was submitted: the report's time, for windows and bursts. */
  submittedAt: Date;
  /** Refused once charged (the limit counts every attempt): nothing is filed for it. */
  invalid: BadUserInputError | null;
  resolve(receipt: ReportReceipt): void;
  reject(error: unknown): void;
}

type Outcome = { receipt: ReportReceipt } | { error: Error };

export class ReportService {
  private readonly queue: GroupCommitQueue<PendingReport>;
  private readonly limiterClock: Clock;

  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: ReportPolicy,
    private readonly clock: Clock = systemClock,
    batching: ReportBatching = DEFAULT_REPORT_BATCHING,
  ) {
    this.limiterClock = batching.limiterClock ?? systemClock;
    this.queue = new GroupCommitQueue<PendingReport>({
      commit: (batch) => this.commit(batch),
      maxBatch: batching.maxBatch,
      maxQueue: batching.maxQueue,
      maxInFlight: batching.maxInFlight,
      schedule: batching.schedule,
    });
  }

  /**
   * Files a report once per idempotency key: a resubmission returns the same receipt, whether
   * it comes later or at the same moment (the unique key decides). Every attempt, refused or
   * replayed included, is charged to the reporter first: only an attempt within its limit may
   * take the page's row lock.
   *
   * Reports are filed in batches (group commit): this resolves only once the transaction
   * holding this report has committed, so a receipt is never given for a report that a crash
   * could still lose.
   */
  submit(input: SubmitReportInput, reporter: ReporterIdentity): Promise<ReportReceipt> {
    const details = input.details?.trim() ?? '';
    const invalid =
      input.reason === ReportReason.OTHER && details === ''
        ? new BadUserInputError('details are required when the reason is OTHER.', 'details')
        : null;
    return new Promise<ReportReceipt>((resolve, reject) => {
      try {
        this.queue.enqueue({
          input,
          reporter,
          details,
          requestHash: hashRequest(input, details),
          submittedAt: this.clock.now(),
          invalid,
          resolve,
          reject,
        });
      } catch (error) {
        if (!(error instanceof QueueFullError)) throw error;
        // Shed load before it reaches the database: the reader retries in a moment.
        reject(
          new RateLimitedError(
            error.reason === 'full'
              ? 'Too many reports are being filed right now. Try again in a few seconds.'
              : 'The server is restarting. Try again in a few seconds.',
            5,
          ),
        );
      }
    });
  }

  /** Commits what was submitted (on SIGTERM, before the pool closes), then takes no more. */
  close(): Promise<void> {
    return this.queue.close();
  }

  /**
   * One batch, one transaction: each caller is answered after its COMMIT. Should PostgreSQL
   * refuse the transaction, nothing of it stays; the reports are then filed one by one, so a
   * report that breaks a batch fails alone and the others are filed (or fail each with its
   * error). When the database is away, they all fail at once: retrying each would only hold
   * the readers longer, and they can resend with the same key. A batch whose connection had
   * lost a prepared statement is tried once more, whole, on another connection.
   */
  private async commit(batch: PendingReport[], retried = false): Promise<void> {
    let outcomes: Outcome[];
    try {
      outcomes = await this.dataSource.transaction((manager) => this.fileBatch(manager, batch));
    } catch (error) {
      // The connection had lost one of the batch's prepared statements: nothing was filed, the
      // connection has left the pool, and a fresh one prepares the statements again.
      if (!retried && lostPreparedStatement(error)) return this.commit(batch, true);
      if (batch.length > 1 && refusedByDatabase(error)) {
        for (const report of batch) await this.commit([report]);
      } else {
        for (const report of batch) report.reject(error);
      }
      return;
    }
    batch.forEach((report, i) => {
      const outcome = outcomes[i]!;
      if ('receipt' in outcome) report.resolve(outcome.receipt);
      else report.reject(outcome.error);
    });
  }

  /**
   * Five statements for a batch of new reports, whatever its size: BEGIN, admit (rate limit,
   * replays, page locks), file (insert and threshold counts), the webhook outbox, COMMIT.
   * Replays lost to another process cost more; flagged pages one statement for the batch and
   * one per distinct audit event, usually one (storeFlags); a page put under review its own.
   */
  private async fileBatch(manager: EntityManager, batch: PendingReport[]): Promise<Outcome[]> {
    const nowMs = this.limiterClock.now().getTime();
    const admissions = await admitAttempts(
      manager,
      batch.map((report) => ({
        limiterKey: LIMITER_PREFIX + report.reporter.reporterKey,
        articleSlug: report.input.articleSlug,
        sectionAnchor: report.input.sectionAnchor ?? null,
        idempotencyKey: report.input.idempotencyKey,
      })),
      { points: this.policy.rateLimit, windowMs: this.policy.rateWindowSeconds * 1000 },
      nowMs,
    );
    const outcomes: Outcome[] = new Array(batch.length);
    const pages = new Map<string, PageModeration>();
    /** The first report of each idempotency key this batch files, by key. */
    const filing = new Map<string, number>();
    /** Later reports of a key being filed: answered as replays of the first. */
    const followers: number[] = [];
    const toFile: NewReport[] = [];
    batch.forEach((report, i) => {
      const admission = admissions[i]!;
      const key = report.input.idempotencyKey;
      if (admission.used > this.policy.rateLimit) {
        outcomes[i] = { error: this.rateLimited(admission.expire - nowMs) };
      } else if (report.invalid) {
        outcomes[i] = { error: report.invalid };
      } else if (admission.existing) {
        outcomes[i] = replayOf(admission.existing, report.requestHash);
      } else if (filing.has(key)) {
        followers.push(i);
      } else {
        const { page, section } = admission;
        const missing =
          !page || page.moderation_state === ModerationState.REMOVED
            ? new BadUserInputError(
                `There is no published article "${report.input.articleSlug}" to report.`,
                'articleSlug',
              )
            : report.input.sectionAnchor && !section
              ? new BadUserInputError(
                  `The article has no section "${report.input.sectionAnchor}".`,
                  'sectionAnchor',
                )
              : null;
        if (!page || missing) {
          outcomes[i] = { error: missing! };
          return;
        }
        const moderation = toPageModeration(page);
        pages.set(page.id, moderation);
        filing.set(key, i);
        toFile.push({
          receipt: '',
          articleId: page.id,
          sectionId: section?.id ?? null,
          sectionAnchor: section?.anchor ?? null,
          reason: report.input.reason,
          details: report.details,
          contactEmail: report.input.contactEmail ?? null,
          reporterKey: report.reporter.reporterKey,
          networkKey: report.reporter.networkKey,
          idempotencyKey: key,
          requestHash: report.requestHash,
          createdAt: report.submittedAt,
          clearedAt: moderation.clearedAt,
          // what applyThresholds weighs: the verdict of any other page is 'none' whatever the count
          counted: moderation.state === PageState.VISIBLE && moderation.flaggedAt === null,
        });
      }
    });
    if (toFile.length === 0) return fillFollowers(outcomes, followers, batch, filing);
    newReceipts(toFile.length).forEach((receipt, i) => (toFile[i]!.receipt = receipt));

    const filed = await fileReports(manager, toFile, this.policy.windowSeconds);
    const byKey = new Map(filed.map((report) => [report.idempotencyKey, report]));
    for (const [key, i] of filing) {
      const report = byKey.get(key);
      if (report) {
        outcomes[i] = {
          receipt: { receipt: report.receipt, status: report.status, createdAt: report.createdAt },
        };
        continue;
      }
      // Another process stored this key meanwhile: answer as it did.
      const replayed = await this.replayed(manager, key, batch[i]!.requestHash).catch(
        (error: Error) => ({ error }),
      );
      if (replayed === null) throw new Error('idempotency key conflict without a stored report');
      outcomes[i] = 'error' in replayed ? replayed : { receipt: replayed };
    }
    await webhookOutbox.reportsCreated(
      manager,
      filed.map((report) => report.receipt),
    );
    await this.applyThresholds(manager, pages, filed, toFile);
    return fillFollowers(outcomes, followers, batch, filing);
  }

  /**
   * For each page still visible, the batch's reports are weighed one after another, as if filed
   * one at a time: the first that reaches the threshold hides or flags the page, and the rest
   * find it hidden or flagged.
   */
  private async applyThresholds(
    manager: EntityManager,
    pages: Map<string, PageModeration>,
    filed: Filed[],
    toFile: NewReport[],
  ): Promise<void> {
    const pageOf = new Map(toFile.map((report) => [report.idempotencyKey, report.articleId]));
    const byPage = new Map<string, Filed[]>();
    for (const report of filed) {
      const articleId = pageOf.get(report.idempotencyKey)!;
      byPage.set(articleId, [...(byPage.get(articleId) ?? []), report]);
    }
    const flags: Flag[] = [];
    for (const [articleId, reports] of byPage) {
      const page = pages.get(articleId)!;
      // a flagged page waits for a moderator (reviewVerdict); its reports were not counted
      if (page.state !== PageState.VISIBLE || page.flaggedAt !== null) continue;
      for (const report of reports) {
        if (await this.applyThreshold(manager, page, report, flags)) break;
      }
    }
    await storeFlags(manager, flags);
  }

  /** A report's public status, with its decision, reasons and appeal once there are any. */
  async status(receipt: string): Promise<ReportStatusInfo | null> {
    if (!RECEIPT.test(receipt)) return null;
    const [row]: StatusRow[] = await this.dataSource.query(
      `SELECT r.receipt, r.status, r.created_at, r.updated_at, r.resolved_at,
              d.action, d.reasons, d.decided_at, d.appeal_id AS decision_appeal_id,
              ap.status AS appeal_status, ap.filed_at, ap.resolved_at AS appeal_resolved_at,
              ap.outcome_reasons, od.action AS outcome_action
         FROM reports r
         LEFT JOIN moderation_decisions d ON d.id = r.decision_id
         LEFT JOIN moderation_appeals ap ON ap.report_id = r.id AND ap.appellant = 'reporter'
         LEFT JOIN moderation_decisions od ON od.id = ap.outcome_decision_id
        WHERE r.receipt = $1`,
      [receipt],
    );
    if (!row) return null;
    const base = {
      receipt: row.receipt,
      status: row.status,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      resolvedAt: row.resolved_at,
      decision: null,
      appealRights: null,
      appeal: null,
    };
    if (!row.action || !row.decided_at || row.reasons === null) return base;
    const deadline = appealDeadline(row.decided_at);
    const available =
      row.appeal_status === null &&
      row.decision_appeal_id === null &&
      withinAppealWindow(row.decided_at, this.clock.now());
    return {
      ...base,
      decision: { action: row.action, decidedAt: row.decided_at, reasons: row.reasons },
      appealRights: {
        available,
        deadline,
        instructions: appealInstructions(available, deadline, row),
      },
      appeal: row.appeal_status
        ? {
            status: row.appeal_status,
            filedAt: row.filed_at!,
            resolvedAt: row.appeal_resolved_at,
            outcomeReasons: row.outcome_reasons,
            outcomeAction: row.outcome_action,
          }
        : null,
    };
  }

  private async replayed(
    manager: EntityManager,
    idempotencyKey: string,
    requestHash: string,
  ): Promise<ReportReceipt | null> {
    const existing = await manager.findOne(Report, { where: { idempotencyKey } });
    if (!existing) return null;
    if (existing.requestHash !== requestHash) throw keyConflict();
    return { receipt: existing.receipt, status: existing.status, createdAt: existing.createdAt };
  }

  private rateLimited(msBeforeNext: number): RateLimitedError {
    const retryAfterSeconds = Math.ceil(Math.max(msBeforeNext, 0) / 1000);
    return new RateLimitedError(
      `Too many reports: at most ${this.policy.rateLimit} every ${Math.round(this.policy.rateWindowSeconds / 60)} minutes. Try again in ${retryAfterSeconds} seconds.`,
      retryAfterSeconds,
    );
  }

  /**
   * Enough networks with counted reports put the page under review by themselves, unless the
   * signal looks like a brigade: then the page is flagged for moderators and stays listed.
   * Says whether it did either (the page's later reports in the batch then change nothing).
   */
  private async applyThreshold(
    manager: EntityManager,
    page: PageModeration,
    counts: Filed,
    flags: Flag[],
  ): Promise<boolean> {
    const now = counts.createdAt;
    const verdict = await reviewVerdict(
      {
        networks: counts.networks,
        reporters: counts.reporters,
        firstReportAt: counts.firstReportAt!,
        now,
        flagged: page.flaggedAt !== null,
        autoHidesLastHour: () => autoHidesSince(manager, new Date(now.getTime() - HOUR_MS)),
      },
      this.policy,
    );
    if (verdict.kind === 'none') return false;
    const details = {
      networks: counts.networks,
      reporters: counts.reporters,
      threshold: this.policy.threshold,
    };
    const target = { type: 'article', id: page.articleId } as const;
    if (verdict.kind === 'flag') {
      // stored with the batch's other flags (storeFlags): a flag changes no other page's verdict
      flags.push({ articleId: page.articleId, reason: verdict.reason, at: now, details });
      return true;
    }
    await storeTransition(
      manager,
      page.articleId,
      transition(page.state, PageEvent.AUTO_HIDE),
      now,
    );
    await recordAudit(manager, null, 'article.under_review', target, details);
    return true;
  }
}

/** A page the batch's reports flag for moderators, with what its audit event says. */
interface Flag {
  articleId: string;
  reason: FlagReason;
  at: Date;
  details: { networks: number; reporters: number; threshold: number };
}

/**
 * The batch's flags in two statements however many pages they are (a burst of reports from
 * many networks flags many pages at once): the pages' flags, then their audit events, one
 * statement per distinct content of the event (usually one).
 */
async function storeFlags(manager: EntityManager, flags: Flag[]): Promise<void> {
  if (flags.length === 0) return;
  await flagPages(manager, flags);
  const events = new Map<string, { details: Record<string, unknown>; articleIds: string[] }>();
  for (const { articleId, reason, details } of flags) {
    const event = { ...details, signal: reason };
    const key = JSON.stringify(event);
    const same = events.get(key) ?? { details: event, articleIds: [] as string[] };
    same.articleIds.push(articleId);
    events.set(key, same);
  }
  for (const { details, articleIds } of events.values()) {
    await recordAuditMany(
      manager,
      null,
      'article.flagged',
      articleIds.map((id) => ({ type: 'article', id })),
      details,
    );
  }
}

/**
 * PostgreSQL answered with an error of the transaction itself (bad data, a deadlock, a
 * serialization failure), rather than the connection failing or the server going away.
 */
function refusedByDatabase(error: unknown): boolean {
  const code = (error as { driverError?: { code?: unknown }; code?: unknown }).driverError?.code;
  return (
    typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && !/^(08|53|57)/.test(code) // connection exception, insufficient resources, operator intervention
  );
}

/** A key already used: the same report gets its receipt back, another payload is refused. */
function replayOf(existing: NonNullable<Admission['existing']>, requestHash: string): Outcome {
  if (existing.requestHash !== requestHash) return { error: keyConflict() };
  return {
    receipt: { receipt: existing.receipt, status: existing.status, createdAt: existing.createdAt },
  };
}

function keyConflict(): ConflictError {
  return new ConflictError(
    'This idempotencyKey was already used for a different report; use a new key.',
  );
}

/** Reports that repeated a key another report of the batch filed get that report's answer. */
function fillFollowers(
  outcomes: Outcome[],
  followers: number[],
  batch: PendingReport[],
  filing: Map<string, number>,
): Outcome[] {
  for (const i of followers) {
    const first = filing.get(batch[i]!.input.idempotencyKey)!;
    outcomes[i] =
      batch[first]!.requestHash === batch[i]!.requestHash
        ? outcomes[first]!
        : { error: keyConflict() };
  }
  return outcomes;
}

interface StatusRow {
  receipt: string;
  status: ReportStatus;
  created_at: Date;
  updated_at: Date;
  resolved_at: Date | null;
  action: ModerationAction | null;
  reasons: string | null;
  decided_at: Date | null;
  decision_appeal_id: string | null;
  appeal_status: AppealStatus | null;
  filed_at: Date | null;
  appeal_resolved_at: Date | null;
  outcome_reasons: string | null;
  outcome_action: ModerationAction | null;
}

/** What the receipt page tells the reporter about appealing. */
function appealInstructions(available: boolean, deadline: Date, row: StatusRow): string {
  const until = deadline.toISOString().slice(0, 10);
  if (available)
    return `If you disagree with this decision, you may appeal once, until ${until}: use the appeal form on this page and say why. A moderator who did not make this decision will review it, and the outcome will appear here.`;
  if (row.appeal_status === AppealStatus.OPEN)
    return 'Your appeal is waiting for a moderator who did not make the first decision.';
  if (row.appeal_status) return 'Your appeal has been decided; this decision is final.';
  if (row.decision_appeal_id) return 'This decision was made on appeal and is final.';
  return `The time to appeal this decision ended on ${until}.`;
}

function hashRequest(input: SubmitReportInput, details: string): string {
  const canonical = [
    input.articleSlug,
    input.sectionAnchor ?? null,
    input.reason,
    details,
    input.contactEmail ?? null,
  ];
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** Receipts for a batch, from one draw of randomness (10 random characters each). */
function newReceipts(count: number): string[] {
  const bytes = randomBytes(10 * count);
  return Array.from({ length: count }, (_, i) => {
    let receipt = 'R-';
    for (let j = i * 10; j < i * 10 + 10; j++) receipt += RECEIPT_ALPHABET[bytes[j]! % 32];
    return receipt;
  });
}
