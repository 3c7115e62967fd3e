import { createHash, randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, RateLimitedError } from '../../errors/api-errors.js';
import { BadUserInputError } from '../../errors/bad-user-input.error.js';
import { Article } from '../articles/article.entity.js';
import { ModerationState } from '../articles/article-status.js';
import { publishedCondition } from '../articles/article.queries.js';
import { recordAudit } from '../audit/audit.service.js';
import { webhookOutbox } from '../webhooks/webhook-outbox.js';
import { ReportReason, ReportStatus } from './report-enums.js';
import { Report } from './report.entity.js';
import type { SubmitReportInput } from './report.inputs.js';
import type { ReportReceipt, ReportStatusInfo } from './report.types.js';

export interface ReportPolicy {
  /** Reports one reporter may file per window. */
  rateLimit: number;
  rateWindowSeconds: number;
  /** Distinct reporters with open reports that put a page under review. */
  reviewThreshold: number;
}

const RECEIPT = /^R-[0-9A-Z]{10}$/;
const RECEIPT_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford: no I, L, O, U

export class ReportService {
  private readonly limiter: RateLimiterPostgres;
  /**
   * The rate limiter's own small pool: a report's transaction holds a connection (and the
   * page's row lock) while it consumes a point, so sharing the main pool could exhaust it.
   */
  private readonly limiterPool: Pool;

  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: ReportPolicy,
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
   * it comes later or at the same moment (the unique key decides), and costs no rate limit.
   */
  async submit(input: SubmitReportInput, reporter: string): Promise<ReportReceipt> {
    const details = input.details?.trim() ?? '';
    if (input.reason === ReportReason.OTHER && details === '') {
      throw new BadUserInputError('details are required when the reason is OTHER.', 'details');
    }
    const requestHash = hashRequest(input, details);

    // Five statements for a new report: BEGIN, lock the page (and find the section), insert
    // and count its reporters, take a rate-limit point, COMMIT. Replays and mistakes cost more.
    return this.dataSource.transaction(async (manager) => {
      // Locks the page: its reports are counted one at a time, so the threshold is exact.
      const [target]: Array<{
        id: string;
        moderation_state: ModerationState;
        section_id: string | null;
        section_anchor: string | null;
      }> = await manager.query(
        `SELECT a.id, a.moderation_state, s.id AS section_id, s.anchor AS section_anchor
           FROM articles a
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

      // The count runs after the lock was granted, so it sees every report committed before.
      const [row]: Array<{
        receipt: string;
        status: ReportStatus;
        created_at: Date;
        reporters: number;
      }> = await manager.query(
        `WITH inserted AS (
           INSERT INTO reports (receipt, article_id, section_id, section_anchor, reason, details,
                                contact_email, reporter_key, idempotency_key, request_hash)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
           ON CONFLICT (idempotency_key) DO NOTHING
           RETURNING receipt, status, created_at, reporter_key)
         SELECT inserted.receipt, inserted.status, inserted.created_at,
                (SELECT count(*)::int FROM (
                   SELECT reporter_key FROM reports WHERE article_id = $2 AND status = 'open'
                   UNION SELECT inserted.reporter_key) open_reporters) AS reporters
           FROM inserted`,
        [
          newReceipt(),
          target.id,
          target.section_id,
          target.section_anchor,
          input.reason,
          details,
          input.contactEmail ?? null,
          reporter,
          input.idempotencyKey,
          requestHash,
        ],
      );
      if (!row) {
        // This key was used before, or by a request at the same moment: answer as it did.
        const replayed = await this.replayed(manager, input.idempotencyKey, requestHash);
        if (replayed) return replayed;
        throw new Error('idempotency key conflict without a stored report');
      }
      await this.consumeRateLimit(reporter);
      await webhookOutbox.reportCreated(manager, row.receipt);
      if (target.moderation_state === ModerationState.VISIBLE)
        await this.applyThreshold(manager, target.id, row.reporters);
      return { receipt: row.receipt, status: row.status, createdAt: row.created_at };
    });
  }

  close(): Promise<void> {
    return this.limiterPool.end();
  }

  async status(receipt: string): Promise<ReportStatusInfo | null> {
    if (!RECEIPT.test(receipt)) return null;
    const report = await this.dataSource.getRepository(Report).findOne({ where: { receipt } });
    if (!report) return null;
    const { status, createdAt, updatedAt, resolvedAt } = report;
    return { receipt, status, createdAt, updatedAt, resolvedAt };
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

  /** Enough distinct reporters with open reports put the page under review, automatically. */
  private async applyThreshold(
    manager: EntityManager,
    articleId: string,
    reporters: number,
  ): Promise<void> {
    if (reporters < this.policy.reviewThreshold) return;
    await manager.update(
      Article,
      { id: articleId },
      { moderationState: ModerationState.UNDER_REVIEW },
    );
    await recordAudit(
      manager,
      null,
      'article.under_review',
      { type: 'article', id: articleId },
      { reporters, threshold: this.policy.reviewThreshold },
    );
  }
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
