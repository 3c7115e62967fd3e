import { readQuery } from '../../db/read-query.js';
import type { DataSource } from 'typeorm';
import { ConflictError, NotFoundError } from '../../errors/api-errors.js';
import { toConnection, type Connection } from '../../graphql/connection.types.js';
import { isUuid } from '../../graphql/ids.js';
import { decodeTimeIdCursor, encodeTimeIdCursor, pageSize } from '../../graphql/pagination.js';
import { Article } from '../articles/article.entity.js';
import { ModerationState } from '../articles/article-status.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Viewer } from '../auth/viewer.js';
import { ModerationAction, ReportStatus } from '../reports/report-enums.js';
import { Report } from '../reports/report.entity.js';
import { webhookOutbox } from '../webhooks/webhook-outbox.js';
import type { ReportFilter } from './moderation.types.js';

/** What each resolution does to the report and to the page. */
const OUTCOMES: Record<ModerationAction, { status: ReportStatus; state: ModerationState | null }> =
  {
    [ModerationAction.DISMISS]: { status: ReportStatus.DISMISSED, state: null },
    [ModerationAction.KEEP_HIDDEN]: {
      status: ReportStatus.ACTIONED,
      state: ModerationState.UNDER_REVIEW,
    },
    [ModerationAction.REMOVE_ARTICLE]: {
      status: ReportStatus.ACTIONED,
      state: ModerationState.REMOVED,
    },
    [ModerationAction.RESTORE_ARTICLE]: {
      status: ReportStatus.ACTIONED,
      state: ModerationState.VISIBLE,
    },
  };

const OPEN_STATES = [ReportStatus.OPEN, ReportStatus.TRIAGED];

export interface RawArticleCount {
  articleId: string;
  reportCount: number;
  reporterCount: number;
  latestReportAt: Date;
}

export class ModerationService {
  constructor(private readonly dataSource: DataSource) {}

  /** The queue: newest first, filtered by status, reason or page. */
  async listReports(
    filter: ReportFilter | null | undefined,
    first?: number | null,
    after?: string | null,
  ): Promise<Connection<Report>> {
    const size = pageSize(first);
    const filtered = () => {
      const qb = this.dataSource.getRepository(Report).createQueryBuilder('report');
      if (filter?.status) qb.andWhere('report.status = :status', { status: filter.status });
      if (filter?.reason) qb.andWhere('report.reason = :reason', { reason: filter.reason });
      if (filter?.articleSlug) {
        qb.andWhere('report.article_id = (SELECT id FROM articles WHERE slug = :slug)', {
          slug: filter.articleSlug,
        });
      }
      return qb;
    };
    const page = filtered()
      .orderBy('report.created_at', 'DESC')
      .addOrderBy('report.id', 'DESC')
      .limit(size + 1);
    if (after) {
      const [createdAt, id] = decodeTimeIdCursor('reports', after);
      page.andWhere('(report.created_at, report.id) < (:createdAt, :id)', { createdAt, id });
    }
    const [rows, total] = await Promise.all([
      size === 0 ? [] : page.getMany(),
      filtered().getCount(),
    ]);
    return toConnection(rows, size, total, (report) =>
      encodeTimeIdCursor('reports', report.createdAt, report.id),
    );
  }

  /** Pages with open (or triaged) reports, most reported first. */
  async countsByArticle(status: ReportStatus | null | undefined): Promise<RawArticleCount[]> {
    const statuses = status ? [status] : OPEN_STATES;
    return readQuery(
      this.dataSource,
      `SELECT article_id AS "articleId", count(*)::int AS "reportCount",
              count(DISTINCT reporter_key)::int AS "reporterCount", max(created_at) AS "latestReportAt"
         FROM reports WHERE status = ANY($1::report_status[])
        GROUP BY article_id
        ORDER BY "reportCount" DESC, "latestReportAt" DESC
        LIMIT 100`,
      [statuses],
    );
  }

  async findReport(id: string): Promise<Report | null> {
    return isUuid(id) ? this.dataSource.getRepository(Report).findOne({ where: { id } }) : null;
  }

  async triage(actor: Viewer, id: string): Promise<Report> {
    return this.dataSource.transaction(async (manager) => {
      const report = await this.lockReport(manager, id);
      if (report.status !== ReportStatus.OPEN)
        throw new ConflictError(`This report is already ${report.status}.`);
      report.status = ReportStatus.TRIAGED;
      await manager.save(report);
      await recordAudit(manager, actor, 'report.triage', { type: 'report', id: report.id });
      return report;
    });
  }

  async resolve(
    actor: Viewer,
    id: string,
    action: ModerationAction,
    note: string | null | undefined,
  ): Promise<Report> {
    return this.dataSource.transaction(async (manager) => {
      const report = await this.lockReport(manager, id);
      if (!OPEN_STATES.includes(report.status))
        throw new ConflictError(`This report is already ${report.status}.`);
      const outcome = OUTCOMES[action];
      Object.assign(report, {
        status: outcome.status,
        resolutionAction: action,
        resolutionNote: note?.trim() || null,
        resolvedBy: actor.tokenId,
        resolvedAt: new Date(),
      });
      await manager.save(report);
      await recordAudit(
        manager,
        actor,
        'report.resolve',
        { type: 'report', id: report.id },
        { action, note: report.resolutionNote },
      );
      if (outcome.state) {
        const article = await manager.findOne(Article, {
          where: { id: report.articleId },
          lock: { mode: 'pessimistic_write' },
        });
        if (article && article.moderationState !== outcome.state) {
          const previous = article.moderationState;
          await manager.update(Article, { id: article.id }, { moderationState: outcome.state });
          await webhookOutbox.articleModerated(manager, article.id, outcome.state);
          await recordAudit(
            manager,
            actor,
            'article.moderation',
            { type: 'article', id: article.id },
            {
              from: previous,
              to: outcome.state,
              report: report.receipt,
            },
          );
        }
      }
      await webhookOutbox.reportResolved(manager, report.id);
      return report;
    });
  }

  private async lockReport(manager: import('typeorm').EntityManager, id: string): Promise<Report> {
    const report = isUuid(id)
      ? await manager.findOne(Report, { where: { id }, lock: { mode: 'pessimistic_write' } })
      : null;
    if (!report) throw new NotFoundError(`Report ${id}`);
    return report;
  }
}
