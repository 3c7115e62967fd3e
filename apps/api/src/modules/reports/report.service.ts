import { createHash, randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, RateLimitedError } from '../../errors/api-errors.js';
import { BadUserInputError } from '../../errors/bad-user-input.error.js';
import { ModerationState } from '../articles/article-status.js';
import { publishedCondition } from '../articles/article.queries.js';
import { recordAudit } from '../audit/audit.service.js';
import { webhookOutbox } from '../webhooks/webhook-outbox.js';
import { ModerationAction, ReportReason, ReportStatus } from './report-enums.js';
import { Report } from './report.entity.js';
import type { SubmitReportInput } from './report.inputs.js';
import type { ReportReceipt, ReportStatusInfo } from './report.types.js';
import type { ReporterIdentity } from './reporter-identity.js';
import { reviewVerdict, type ReviewPolicy } from './review-policy.js';
import { AppealStatus } from '../moderation/appeal-enums.js';
import { appealDeadline, withinAppealWindow } from '../moderation/appeal-window.js';
import { systemClock, type Clock } from '../moderation/clock.js';
import { PageEvent, PageState, transition } from '../moderation/moderation-state-machine.js';
import {
  autoHidesSince,
  flagPage,
  PAGE_MODERATION_COLUMNS,
  PAGE_MODERATION_JOIN,
  storeTransition,
  toPageModeration,
  type PageModeration,
} from '../moderation/page-moderation.store.js';

export interface ReportPolicy extends ReviewPolicy {
  /** Reports one reporter may file per window. */
  rateLimit: number;
  rateWindowSeconds: number;
}

const RECEIPT = /^R-[0-9A-Z]{10}$/;
const RECEIPT_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford: no I, L, O, U
const HOUR_MS = 3_600_000;

interface Target {
  id: string;
  moderation_state: ModerationState;
  auto_hidden: boolean | null;
  cleared_at: Date | null;
  flagged_at: Date | null;
  section_id: string | null;
  section_anchor: string | null;
}

interface Inserted {
  receipt: string;
  status: ReportStatus;
  created_at: Date;
  networks: number;
  reporters: number;
  first_report_at: Date;
}

export class ReportService {
  private readonly limiter: RateLimiterPostgres;
  /**
   * The rate limiter's own small pool: the limiter is consulted before the report's
   * transaction, and sharing the main pool could let a flood of refused attempts starve it.
   */
  private readonly limiterPool: Pool;

  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: ReportPolicy,
    private readonly clock: Clock = systemClock,
  ) {
    const mainPool = (dataSource.driver as unknown as { master: Pool }).master;
    this.limiterPool = new Pool({ ...mainPool.options, max: 3 });
    this.limiterPool.on('error', () => {}); // an idle client lost with the server; the pool replaces it
    this.limiter = new RateLimiterPostgres({
      storeClient: this.limiterPool,
      storeType: 'pool',
      tableName: 'rate_limits',
      tableCreated: true, // by our migration
      keyPrefix: 'report',
      points: policy.rateLimit,
      duration: policy.rateWindowSeconds,
    });
  }

  /**
   * Files a report once per idempotency key: a resubmission returns the same receipt, whether
   * it comes later or at the same moment (the unique key decides). Every attempt, refused or
   * replayed included, is charged to the reporter first: only an attempt within its limit may
   * take the page's row lock.
   */
  async submit(input: SubmitReportInput, reporter: ReporterIdentity): Promise<ReportReceipt> {
    await this.consumeRateLimit(reporter.reporterKey);
    const details = input.details?.trim() ?? '';
    if (input.reason === ReportReason.OTHER && details === '') {
      throw new BadUserInputError('details are required when the reason is OTHER.', 'details');
    }
    const requestHash = hashRequest(input, details);
    const now = this.clock.now();
    // Four statements on the main pool for a report that changes nothing else: BEGIN, lock the
    // page (and find the section and its moderation state), insert and count what the
    // threshold counts, COMMIT. Replays, mistakes and a reached threshold cost more.
    return this.dataSource.transaction(async (manager) => {
      // Locks the page: its reports are counted one at a time, so the threshold is exact.
      const [target]: Target[] = await manager.query(
        `SELECT ${PAGE_MODERATION_COLUMNS}, s.id AS section_id, s.anchor AS section_anchor
           FROM articles a
           ${PAGE_MODERATION_JOIN}
           LEFT JOIN sections s ON s.article_id = a.id AND s.anchor = $2
          WHERE a.slug = $1 AND ${publishedCondition('a')}
            FOR NO KEY UPDATE OF a`,
        [input.articleSlug, input.sectionAnchor ?? null],
      );
      const missing =
        !target || target.moderation_state === ModerationState.REMOVED
          ? new BadUserInputError(
              `There is no published article "${input.articleSlug}" to report.`,
              'articleSlug',
            )
          : input.sectionAnchor && !target.section_id
            ? new BadUserInputError(
                `The article has no section "${input.sectionAnchor}".`,
                'sectionAnchor',
              )
            : null;
      if (!target || missing) {
        // The same report filed before the page or section went away keeps its receipt.
        const replay = await this.replayed(manager, input.idempotencyKey, requestHash);
        if (replay) return replay;
        throw missing;
      }
      const page = toPageModeration(target);
      const windowStart = new Date(now.getTime() - this.policy.windowSeconds * 1000);
      // The count runs after the lock was granted, so it sees every report committed before.
      // It counts open reports filed within the window and after a moderator last cleared the
      // page, from networks that had not reported the page before that decision.
      const [row]: Inserted[] = await manager.query(
        `WITH inserted AS (
           INSERT INTO reports (receipt, article_id, section_id, section_anchor, reason, details,
                                contact_email, reporter_key, network_key, idempotency_key,
                                request_hash, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
           ON CONFLICT (idempotency_key) DO NOTHING
           RETURNING receipt, status, created_at, reporter_key, network_key),
         counted AS (
           SELECT r.reporter_key, r.network_key, r.created_at FROM reports r
            WHERE r.article_id = $2 AND r.status IN ('open', 'triaged') AND r.created_at > $13
           UNION ALL
           SELECT reporter_key, network_key, created_at FROM inserted),
         fresh AS (
           SELECT * FROM counted c
            WHERE $14::timestamptz IS NULL OR (c.created_at > $14 AND NOT EXISTS (
              SELECT 1 FROM reports p
               WHERE p.article_id = $2 AND p.network_key = c.network_key AND p.created_at <= $14)))
         SELECT inserted.receipt, inserted.status, inserted.created_at,
                (SELECT count(DISTINCT network_key)::int FROM fresh) AS networks,
                (SELECT count(DISTINCT reporter_key)::int FROM fresh) AS reporters,
                (SELECT min(created_at) FROM fresh) AS first_report_at
           FROM inserted`,
        [
          newReceipt(),
          target.id,
          target.section_id,
          target.section_anchor,
          input.reason,
          details,
          input.contactEmail ?? null,
          reporter.reporterKey,
          reporter.networkKey,
          input.idempotencyKey,
          requestHash,
          now,
          windowStart,
          page.clearedAt,
        ],
      );
      if (!row) {
        // This key was used before, or by a request at the same moment: answer as it did.
        const replayed = await this.replayed(manager, input.idempotencyKey, requestHash);
        if (replayed) return replayed;
        throw new Error('idempotency key conflict without a stored report');
      }
      await webhookOutbox.reportCreated(manager, row.receipt);
      if (page.state === PageState.VISIBLE) await this.applyThreshold(manager, page, row, now);
      return { receipt: row.receipt, status: row.status, createdAt: row.created_at };
    });
  }

  close(): Promise<void> {
    return this.limiterPool.end();
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
    if (existing.requestHash !== requestHash) {
      throw new ConflictError(
        'This idempotencyKey was already used for a different report; use a new key.',
      );
    }
    return { receipt: existing.receipt, status: existing.status, createdAt: existing.createdAt };
  }

  private async consumeRateLimit(reporter: string): Promise<void> {
    try {
      await this.limiter.consume(reporter);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfterSeconds = Math.ceil(rejection.msBeforeNext / 1000);
      throw new RateLimitedError(
        `Too many reports: at most ${this.policy.rateLimit} every ${Math.round(this.policy.rateWindowSeconds / 60)} minutes. Try again in ${retryAfterSeconds} seconds.`,
        retryAfterSeconds,
      );
    }
  }

  /**
   * Enough networks with counted reports put the page under review by themselves, unless the
   * signal looks like a brigade: then the page is flagged for moderators and stays listed.
   */
  private async applyThreshold(
    manager: EntityManager,
    page: PageModeration,
    counts: Inserted,
    now: Date,
  ): Promise<void> {
    const verdict = await reviewVerdict(
      {
        networks: counts.networks,
        reporters: counts.reporters,
        firstReportAt: counts.first_report_at,
        now,
        flagged: page.flaggedAt !== null,
        autoHidesLastHour: () => autoHidesSince(manager, new Date(now.getTime() - HOUR_MS)),
      },
      this.policy,
    );
    if (verdict.kind === 'none') return;
    const details = {
      networks: counts.networks,
      reporters: counts.reporters,
      threshold: this.policy.threshold,
    };
    const target = { type: 'article', id: page.articleId } as const;
    if (verdict.kind === 'flag') {
      await flagPage(manager, page.articleId, verdict.reason, now);
      await recordAudit(manager, null, 'article.flagged', target, {
        ...details,
        signal: verdict.reason,
      });
      return;
    }
    await storeTransition(
      manager,
      page.articleId,
      transition(page.state, PageEvent.AUTO_HIDE),
      now,
    );
    await recordAudit(manager, null, 'article.under_review', target, details);
  }
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

function newReceipt(): string {
  const bytes = randomBytes(10);
  return `R-${Array.from(bytes, (byte) => RECEIPT_ALPHABET[byte % 32]).join('')}`;
}
