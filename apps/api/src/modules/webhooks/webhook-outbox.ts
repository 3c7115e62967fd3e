import type { WebhookEventType } from '@folio/contract';
import type { EntityManager } from 'typeorm';
import { preparedQuery, sizeBlind } from '../../db/prepared-statement.js';

/** Raised (at commit) when deliveries were added, so idle workers wake at once. */
export const WEBHOOK_DELIVERIES_CHANNEL = 'folio_webhook_deliveries';

/** An instant as JSON receivers expect it: ISO 8601 in UTC with milliseconds. */
const iso = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

// The status readers see: a scheduled article whose time has come is published.
const ARTICLE_ROWS = `SELECT jsonb_build_object('article', jsonb_build_object(
    'id', a.id, 'slug', a.slug, 'title', a.title,
    'status', CASE WHEN a.status = 'scheduled' AND a.published_at <= now() THEN 'published'
                   ELSE a.status::text END,
    'publishedAt', ${iso('a.published_at')})) AS data
  FROM articles a`;
const ARTICLE_DATA = `${ARTICLE_ROWS} WHERE a.id = $3`;

/** Only what an integrator needs to find the report in the moderation queue. */
const REPORT_DATA = `SELECT jsonb_build_object(
    'report', jsonb_build_object('id', r.id, 'reason', r.reason, 'status', r.status,
      'resolutionAction', r.resolution_action, 'sectionAnchor', r.section_anchor,
      'createdAt', ${iso('r.created_at')}, 'resolvedAt', ${iso('r.resolved_at')}),
    'article', jsonb_build_object('id', a.id, 'slug', a.slug)) AS data
  FROM reports r JOIN articles a ON a.id = r.article_id`;

/** Editorial actions (as recorded in revisions and the audit) and the events they raise. */
const EDITORIAL_EVENTS: Record<
  string,
  WebhookEventType | 'updated-if-published' | 'unpublished-if-was-published'
> = {
  publish: 'article.published',
  unpublish: 'unpublished-if-was-published',
  archive: 'unpublished-if-was-published',
  update: 'updated-if-published',
  restore: 'updated-if-published',
  'section.add': 'updated-if-published',
  'section.update': 'updated-if-published',
  'section.move': 'updated-if-published',
  'section.remove': 'updated-if-published',
};

/**
 * The outbox: each call writes one event, and one pending delivery per enabled endpoint that
 * subscribes to it, with the caller's transaction manager, so the event exists exactly when
 * the change committed (and not at all when nobody subscribes). One statement each: the
 * payload is built from the rows in SQL. Payloads name things by id and slug (and an
 * article's title); never a reporter's key, address, contact, or the details they wrote.
 */
export const webhookOutbox = {
  /** After an editor's save: `action` is the audit action without its `article.` prefix. */
  async articleSaved(manager: EntityManager, articleId: string, action: string): Promise<void> {
    const event = EDITORIAL_EVENTS[action];
    if (!event) return; // creating or scheduling a draft changes nothing readers see
    if (event === 'updated-if-published') {
      const live = ` AND a.status = 'published' AND a.published_at <= now()`;
      await record(manager, 'article.updated', ARTICLE_DATA + live, [articleId]);
    } else if (event === 'unpublished-if-was-published') {
      // Unpublishing keeps the publication date: a past one means readers had seen it.
      const seen = ` AND a.published_at <= now()`;
      await record(manager, 'article.unpublished', ARTICLE_DATA + seen, [articleId]);
    } else {
      await record(manager, event, ARTICLE_DATA, [articleId]);
    }
  },

  /**
   * After an import wrote an article: whether readers could see it before and can now decides
   * the event, as an editor's publish, edit or unpublish would have.
   */
  async articleImported(
    manager: EntityManager,
    articleId: string,
    { wasLive, isLive }: { wasLive: boolean; isLive: boolean },
  ): Promise<void> {
    if (isLive) {
      const event = wasLive ? 'article.updated' : 'article.published';
      await record(manager, event, ARTICLE_DATA, [articleId]);
    } else if (wasLive) {
      await record(manager, 'article.unpublished', ARTICLE_DATA, [articleId]);
    }
  },

  /** Scheduled articles that have just fallen due (see due-publications.ts). */
  async articlesPublished(manager: EntityManager, articleIds: string[]): Promise<void> {
    if (articleIds.length === 0) return;
    await record(manager, 'article.published', `${ARTICLE_ROWS} WHERE a.id = ANY ($3::uuid[])`, [
      articleIds,
    ]);
  },

  /** After a moderation decision changed the page's state: removal is an event. */
  async articleModerated(manager: EntityManager, articleId: string, state: string): Promise<void> {
    if (state === 'removed') await record(manager, 'article.removed', ARTICLE_DATA, [articleId]);
  },

  /**
   * One event per report a batch filed (reports are filed by group commit). A statement of
   * every batch: prepared, with the receipts' count hidden from the planner so that it is not
   * planned again for each batch (see prepared-statement.ts).
   */
  async reportsCreated(manager: EntityManager, receipts: string[]): Promise<void> {
    if (receipts.length === 0) return;
    await record(
      manager,
      'report.created',
      `${REPORT_DATA} WHERE r.receipt = ANY (${sizeBlind('$3::text[]')}::text[])`,
      [receipts],
      'webhooks-reports-created',
    );
  },

  /** One event per report a decision closed (a page-wide decision closes many at once). */
  async reportsResolved(manager: EntityManager, reportIds: string[]): Promise<void> {
    if (reportIds.length === 0) return;
    await record(manager, 'report.resolved', `${REPORT_DATA} WHERE r.id = ANY ($3::uuid[])`, [
      reportIds,
    ]);
  },
};

/**
 * Writes one event per row of `dataQuery` (a SELECT of a `data` jsonb, parameters from $3),
 * each with its deliveries, and notifies workers at commit when there are any. With
 * `prepareAs`, as a prepared statement of that name (for a `dataQuery` that never varies).
 */
async function record(
  manager: EntityManager,
  type: WebhookEventType,
  dataQuery: string,
  params: unknown[],
  prepareAs?: string,
): Promise<void> {
  const sql = `WITH source AS (${dataQuery}),
     subscribed AS (
       SELECT id FROM webhook_endpoints WHERE enabled AND $1::text = ANY (events)),
     event AS (
       INSERT INTO webhook_events (type, payload, created_at)
       SELECT $1::text,
              jsonb_build_object('type', $1::text, 'timestamp', $2::text, 'data', source.data),
              $2::timestamptz
         FROM source WHERE EXISTS (SELECT 1 FROM subscribed)
       RETURNING id),
     deliveries AS (
       INSERT INTO webhook_deliveries (event_id, endpoint_id)
       SELECT event.id, subscribed.id FROM event, subscribed
       RETURNING 1)
     SELECT CASE WHEN EXISTS (SELECT 1 FROM deliveries)
                 THEN pg_notify('${WEBHOOK_DELIVERIES_CHANNEL}', '') END AS notified`;
  const values = [type, new Date().toISOString(), ...params];
  if (prepareAs) await preparedQuery(manager, prepareAs, sql, values);
  else await manager.query(sql, values);
}
