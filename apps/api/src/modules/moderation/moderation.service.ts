import { readQuery } from '../../db/read-query.js';
import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '../../errors/api-errors.js';
import { toConnection, type Connection } from '../../graphql/connection.types.js';
import { isUuid } from '../../graphql/ids.js';
import { decodeTimeIdCursor, encodeTimeIdCursor, pageSize } from '../../graphql/pagination.js';
import { ModerationState } from '../articles/article-status.js';
import { actorOf } from '../audit/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Viewer } from '../auth/viewer.js';
import { ModerationAction, ReportStatus } from '../reports/report-enums.js';
import { Report } from '../reports/report.entity.js';
import { systemClock, type Clock } from './clock.js';
import { applyDecision, checkStatement } from './decisions.js';
import { eventFor, publicState } from './moderation-state-machine.js';
import type { ReportFilter, ResolveReportInput } from './moderation.types.js';
import { lockPage } from './page-moderation.store.js';

export interface ArticleDecisionOutcome {
  articleId: string;
  decisionId: string;
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
  async resolve(viewer: Viewer, id: string, input: ResolveReportInput): Promise<Report> {
    const statement = checkStatement(input.action, input.reasons, input.template);
    return this.dataSource.transaction(async (manager) => {
      const found = await this.findReportIn(manager, id);
      // The page first, then its reports: the order every writer of a page's reports takes.
      const page = await lockPage(manager, found.articleId);
      if (!page) throw new NotFoundError(`Report ${id}`);
      const report = await this.lockReport(manager, id);
      if (!OPEN_STATES.includes(report.status))
        throw new ConflictError(`This report is already ${report.status}.`);
      const left = await this.openReportCount(manager, page.articleId, report.id);
      await applyDecision(manager, {
        actor: actorOf(viewer),
        page,
        event: eventFor(input.action, 'report', left),
        action: input.action,
        statement,
        note: input.note?.trim() || null,
        reportId: report.id,
        appealId: null,
        now: this.clock.now(),
      });
      return this.lockReport(manager, id);
    });
  }

  /**
   * A moderator's decision on a page as a whole: every open report of it is closed with the
   * decision (DISMISS dismisses them all). Refused for DISMISS when nothing is open.
   */
  async resolveArticle(
    viewer: Viewer,
    articleId: string,
    input: ResolveReportInput,
  ): Promise<ArticleDecisionOutcome> {
    const statement = checkStatement(input.action, input.reasons, input.template);
    return this.dataSource.transaction(async (manager) => {
      const page = isUuid(articleId) ? await lockPage(manager, articleId) : null;
      if (!page) throw new NotFoundError(`Article ${articleId}`);
      const open = await this.openReportCount(manager, page.articleId, null);
      if (input.action === ModerationAction.DISMISS && open === 0)
        throw new ConflictError('This page has no open reports to dismiss.');
      const result = await applyDecision(manager, {
        actor: actorOf(viewer),
        page,
        event: eventFor(input.action, 'page', 0),
        action: input.action,
        statement,
        note: input.note?.trim() || null,
        reportId: null,
        appealId: null,
        now: this.clock.now(),
      });
      return {
        articleId: page.articleId,
        decisionId: result.decisionId,
        moderationState: publicState(result.to),
        closedReports: result.closedReports,
      };
    });
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
