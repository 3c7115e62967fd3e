import { readQuery } from '../../db/read-query.js';
import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '../../errors/api-errors.js';
import { toConnection, type Connection } from '../../graphql/connection.types.js';
import { isUuid } from '../../graphql/ids.js';
import { decodeTimeIdCursor, encodeTimeIdCursor, pageSize } from '../../graphql/pagination.js';
import { ModerationState } from '../articles/article-status.js';
import { recordAudit, recordAuditMany } from '../audit/audit.service.js';
import type { Viewer } from '../auth/viewer.js';
import { ModerationAction, ReportStatus } from '../reports/report-enums.js';
import { Report } from '../reports/report.entity.js';
import { systemClock, type Clock } from './clock.js';
import {
  closedStatus,
  eventFor,
  PageState,
  publicState,
  transition,
  type PageEvent,
} from './moderation-state-machine.js';
import type { ReportFilter } from './moderation.types.js';
import { lockPage, storeTransition, type PageModeration } from './page-moderation.store.js';

export interface ArticleDecisionOutcome {
  articleId: string;
  moderationState: ModerationState;
  closedReports: number;
}

const OPEN_STATES = [ReportStatus.OPEN, ReportStatus.TRIAGED];

export interface RawArticleCount {
  articleId: string;
  reportCount: number;
  reporterCount: number;
  latestReportAt: Date;
}

export class ModerationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock = systemClock,
  ) {}

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

  /**
   * A moderator's decision on one report. Keeping the page hidden, removing or restoring it
   * decides about the page, so it closes every open report of the page with that decision;
   * a dismissal closes this report only.
   */
  async resolve(
    actor: Viewer,
    id: string,
    action: ModerationAction,
    note: string | null | undefined,
  ): Promise<Report> {
    return this.dataSource.transaction(async (manager) => {
      const found = await this.findReportIn(manager, id);
      // The page first, then its reports: the order every writer of a page's reports takes.
      const page = await lockPage(manager, found.articleId);
      if (!page) throw new NotFoundError(`Report ${id}`);
      const report = await this.lockReport(manager, id);
      if (!OPEN_STATES.includes(report.status))
        throw new ConflictError(`This report is already ${report.status}.`);
      const left = await this.openReportCount(manager, page.articleId, report.id);
      const event = eventFor(action, 'report', left);
      await this.decide(manager, actor, page, event, action, note, report);
      return this.lockReport(manager, id);
    });
  }

  /**
   * A moderator's decision on a page as a whole: every open report of it is closed with the
   * decision (DISMISS dismisses them all). Refused for DISMISS when nothing is open.
   */
  async resolveArticle(
    actor: Viewer,
    articleId: string,
    action: ModerationAction,
    note: string | null | undefined,
  ): Promise<ArticleDecisionOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const page = isUuid(articleId) ? await lockPage(manager, articleId) : null;
      if (!page) throw new NotFoundError(`Article ${articleId}`);
      const open = await this.openReportCount(manager, page.articleId, null);
      if (action === ModerationAction.DISMISS && open === 0)
        throw new ConflictError('This page has no open reports to dismiss.');
      const event = eventFor(action, 'page', 0);
      const { to, closed } = await this.decide(manager, actor, page, event, action, note, null);
      return { articleId: page.articleId, moderationState: publicState(to), closedReports: closed };
    });
  }

  /** Applies one event of the page's state machine and closes the reports it decides. */
  private async decide(
    manager: EntityManager,
    actor: Viewer,
    page: PageModeration,
    event: PageEvent,
    action: ModerationAction,
    rawNote: string | null | undefined,
    report: Report | null,
  ): Promise<{ to: PageState; closed: number }> {
    const now = this.clock.now();
    const change = transition(page.state, event);
    const note = rawNote?.trim() || null;
    const closedReports: Array<{ id: string; receipt: string }> = await manager
      .query(
        `UPDATE reports
          SET status = $3, resolution_action = $4, resolution_note = $5, resolved_by = $6,
              resolved_at = $7, updated_at = now()
        WHERE article_id = $1 AND status IN ('open', 'triaged')
          AND ($2::uuid IS NULL OR id = $2)
        RETURNING id, receipt`,
        [
          page.articleId,
          change.closes === 'all' ? null : report!.id,
          closedStatus(action),
          action,
          note,
          actor.tokenId,
          now,
        ],
      )
      .then(([rows]: [Array<{ id: string; receipt: string }>]) => rows);
    await recordAuditMany(
      manager,
      actor,
      'report.resolve',
      closedReports.map((closed) => ({ type: 'report', id: closed.id })),
      { action, note, ...(change.closes === 'all' ? { scope: 'page' } : {}) },
    );
    await storeTransition(manager, page.articleId, change, now);
    if (publicState(change.from) !== publicState(change.to)) {
      await recordAudit(
        manager,
        actor,
        'article.moderation',
        { type: 'article', id: page.articleId },
        {
          from: publicState(change.from),
          to: publicState(change.to),
          event,
          ...(report ? { report: report.receipt } : {}),
        },
      );
    }
    return { to: change.to, closed: closedReports.length };
  }

  private async openReportCount(
    manager: EntityManager,
    articleId: string,
    except: string | null,
  ): Promise<number> {
    const [row]: Array<{ n: number }> = await manager.query(
      `SELECT count(*)::int AS n FROM reports
        WHERE article_id = $1 AND status IN ('open', 'triaged') AND ($2::uuid IS NULL OR id <> $2)`,
      [articleId, except],
    );
    return row!.n;
  }

  private async findReportIn(manager: EntityManager, id: string): Promise<Report> {
    const report = isUuid(id) ? await manager.findOne(Report, { where: { id } }) : null;
    if (!report) throw new NotFoundError(`Report ${id}`);
    return report;
  }

  private async lockReport(manager: EntityManager, id: string): Promise<Report> {
    const report = isUuid(id)
      ? await manager.findOne(Report, { where: { id }, lock: { mode: 'pessimistic_write' } })
      : null;
    if (!report) throw new NotFoundError(`Report ${id}`);
    return report;
  }
}
