import type { DataSource } from 'typeorm';
import { BadUserInputError } from '../../errors/bad-user-input.error.js';
import { decodeCursor, encodeCursor, pageSize } from '../../graphql/pagination.js';
import { ModerationState } from '../articles/article-status.js';
import type { ReportReason } from '../reports/report-enums.js';
import { Report } from '../reports/report.entity.js';
import { QueueOrder, type QueueCounts, type QueueSection } from './queue.types.js';

/** A queue item before its article is loaded (the resolver batches that). */
export interface RawQueueItem extends QueueCounts {
  articleId: string;
  moderationState: ModerationState;
  autoHidden: boolean;
  flagReason: string | null;
  flaggedAt: Date | null;
  sections: QueueSection[];
}

export interface RawQueue {
  items: RawQueueItem[];
  totalCount: number;
  endCursor: string | null;
}

const REPORTS_PER_SECTION = 20;
const QUEUE_PAGE_MAX = 50;

interface CountsRow {
  article_id: string;
  section_anchor: string | null;
  report_count: number;
  reporter_count: number;
  network_count: number;
  first_report_at: Date;
  latest_report_at: Date;
  reasons: Array<{ reason: ReportReason; count: number }>;
}

/** Open reports grouped by page and section, in three statements whatever the page size. */
export class ModerationQueueService {
  constructor(private readonly dataSource: DataSource) {}

  async queue(order: QueueOrder, first?: number | null, after?: string | null): Promise<RawQueue> {
    const size = pageSize(first, QUEUE_PAGE_MAX);
    const offset = after ? decodeOffset(after) : 0;
    const orderBy =
      order === QueueOrder.MOST_REPORTED
        ? 'network_count DESC, report_count DESC, latest_report_at DESC, article_id'
        : 'latest_report_at DESC, article_id';
    // The pages, their counts, reasons and moderation bookkeeping, and the total, at once.
    const pages: Array<
      CountsRow & {
        total: number;
        moderation_state: ModerationState;
        auto_hidden: boolean | null;
        flag_reason: string | null;
        flagged_at: Date | null;
      }
    > = await this.dataSource.query(
      `WITH open_reports AS (
           SELECT * FROM reports WHERE status IN ('open', 'triaged')),
         pages AS (
           SELECT article_id, count(*)::int AS report_count,
                  count(DISTINCT reporter_key)::int AS reporter_count,
                  count(DISTINCT network_key)::int AS network_count,
                  min(created_at) AS first_report_at, max(created_at) AS latest_report_at
             FROM open_reports GROUP BY article_id)
         SELECT p.*, count(*) OVER ()::int AS total, a.moderation_state, m.auto_hidden,
                m.flag_reason, m.flagged_at,
                (SELECT json_agg(json_build_object('reason', reason, 'count', n)
                                 ORDER BY n DESC, reason)
                   FROM (SELECT reason, count(*)::int AS n FROM open_reports o
                          WHERE o.article_id = p.article_id GROUP BY reason) r) AS reasons
           FROM pages p
           JOIN articles a ON a.id = p.article_id
           LEFT JOIN article_moderation m ON m.article_id = p.article_id
          ORDER BY ${orderBy}
          LIMIT $1 OFFSET $2`,
      [size + 1, offset],
    );
    const shown = pages.slice(0, size);
    const ids = shown.map((page) => page.article_id);
    const [sections, reports] =
      ids.length === 0
        ? [[], []]
        : await Promise.all([
            this.dataSource.query(
              `SELECT article_id, section_anchor, count(*)::int AS report_count,
                      count(DISTINCT reporter_key)::int AS reporter_count,
                      count(DISTINCT network_key)::int AS network_count,
                      min(created_at) AS first_report_at, max(created_at) AS latest_report_at,
                      (SELECT json_agg(json_build_object('reason', reason, 'count', n)
                                       ORDER BY n DESC, reason)
                         FROM (SELECT reason, count(*)::int AS n FROM reports o
                                WHERE o.article_id = r.article_id
                                  AND o.section_anchor IS NOT DISTINCT FROM r.section_anchor
                                  AND o.status IN ('open', 'triaged')
                                GROUP BY reason) x) AS reasons
                 FROM reports r
                WHERE article_id = ANY($1::uuid[]) AND status IN ('open', 'triaged')
                GROUP BY article_id, section_anchor
                ORDER BY article_id, max(created_at) DESC`,
              [ids],
            ) as Promise<CountsRow[]>,
            this.dataSource
              .getRepository(Report)
              .createQueryBuilder('report')
              // The newest few of each section: a brigade's thousand reports stay in the counts.
              .where(
                `report.id IN (SELECT id FROM (
                   SELECT id, row_number() OVER (PARTITION BY article_id, section_anchor
                                                 ORDER BY created_at DESC, id DESC) AS position
                     FROM reports
                    WHERE article_id = ANY(:ids) AND status IN ('open', 'triaged')) newest
                   WHERE position <= :perSection)`,
                { ids, perSection: REPORTS_PER_SECTION },
              )
              .orderBy('report.created_at', 'DESC')
              .addOrderBy('report.id', 'DESC')
              .getMany(),
          ]);
    const reportsBySection = new Map<string, Report[]>();
    for (const report of reports) {
      const key = `${report.articleId} ${report.sectionAnchor ?? ''}`;
      reportsBySection.set(key, [...(reportsBySection.get(key) ?? []), report]);
    }
    const items = shown.map((page) => ({
      ...counts(page),
      articleId: page.article_id,
      moderationState: page.moderation_state,
      autoHidden: page.auto_hidden ?? false,
      flagReason: page.flag_reason,
      flaggedAt: page.flagged_at,
      sections: sections
        .filter((section) => section.article_id === page.article_id)
        .map((section) => ({
          ...counts(section),
          sectionAnchor: section.section_anchor,
          reports:
            reportsBySection.get(`${section.article_id} ${section.section_anchor ?? ''}`) ?? [],
        })),
    }));
    return {
      items,
      totalCount: pages[0]?.total ?? (offset === 0 ? 0 : await this.countPages()),
      endCursor: pages.length > size ? encodeCursor('queue', [offset + size]) : null,
    };
  }

  private async countPages(): Promise<number> {
    const [row]: Array<{ n: number }> = await this.dataSource.query(
      `SELECT count(DISTINCT article_id)::int AS n FROM reports WHERE status IN ('open', 'triaged')`,
    );
    return row!.n;
  }
}

function counts(row: CountsRow): QueueCounts {
  return {
    reportCount: row.report_count,
    reporterCount: row.reporter_count,
    networkCount: row.network_count,
    firstReportAt: row.first_report_at,
    latestReportAt: row.latest_report_at,
    reasons: row.reasons ?? [],
  };
}

function decodeOffset(cursor: string): number {
  const [offset] = decodeCursor('queue', cursor);
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0 || offset > 100_000)
    throw new BadUserInputError('"after" is not a cursor from the moderation queue.', 'after');
  return offset;
}
