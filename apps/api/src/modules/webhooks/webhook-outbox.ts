import type { WebhookEventType } from '@folio/contract';
import type { EntityManager } from 'typeorm';

/** Raised (at commit) when deliveries were added, so idle workers wake at once. */
export const WEBHOOK_DELIVERIES_CHANNEL = 'folio_webhook_deliveries';

interface ArticleRow {
  id: string;
  slug: string;
  title: string;
  status: string;
  published_at: Date | null;
}

/** Editorial actions (as recorded in revisions and the audit) and the events they raise. */
const EDITORIAL_EVENTS: Record<string, WebhookEventType | 'updated-if-published'> = {
  publish: 'article.published',
  unpublish: 'article.unpublished',
  archive: 'article.unpublished',
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
 * the change committed. Payloads name things by id and slug (and an article's title); never a
 * reporter's key, address, contact or the details they wrote.
 */
export const webhookOutbox = {
  /** Writes one event of `type` with `data`; returns its id (the `webhook-id` receivers see). */
  async record(
    manager: EntityManager,
    type: WebhookEventType,
    data: Record<string, unknown>,
  ): Promise<string> {
    const timestamp = new Date().toISOString();
    const [row]: Array<{ id: string }> = await manager.query(
      `WITH event AS (
         INSERT INTO webhook_events (type, payload, created_at) VALUES ($1, $2::jsonb, $3)
         RETURNING id),
       deliveries AS (
         INSERT INTO webhook_deliveries (event_id, endpoint_id)
         SELECT event.id, endpoint.id FROM event, webhook_endpoints endpoint
          WHERE endpoint.enabled AND $1 = ANY (endpoint.events)
         RETURNING 1)
       SELECT event.id,
              CASE WHEN (SELECT count(*) FROM deliveries) > 0
                   THEN pg_notify('${WEBHOOK_DELIVERIES_CHANNEL}', '') END AS notified
         FROM event`,
      [type, JSON.stringify({ type, timestamp, data }), timestamp],
    );
    return row!.id;
  },

  /** After an editor's save: `action` is the audit action without its `article.` prefix. */
  async articleSaved(manager: EntityManager, articleId: string, action: string): Promise<void> {
    const event = EDITORIAL_EVENTS[action];
    if (!event) return; // creating or scheduling a draft changes nothing readers see
    const article = await findArticle(manager, articleId);
    if (!article) return;
    if (event === 'updated-if-published') {
      if (article.status !== 'published' || !article.published_at) return;
      if (article.published_at.getTime() > Date.now()) return;
      await this.record(manager, 'article.updated', articleData(article));
      return;
    }
    await this.record(manager, event, articleData(article));
  },

  /** After a moderation decision changed the page's state: removal is an event. */
  async articleModerated(manager: EntityManager, articleId: string, state: string): Promise<void> {
    if (state !== 'removed') return;
    const article = await findArticle(manager, articleId);
    if (article) await this.record(manager, 'article.removed', articleData(article));
  },

  async reportCreated(manager: EntityManager, receipt: string): Promise<void> {
    const report = await findReport(manager, 'r.receipt = $1', receipt);
    if (report) await this.record(manager, 'report.created', report);
  },

  async reportResolved(manager: EntityManager, reportId: string): Promise<void> {
    const report = await findReport(manager, 'r.id = $1', reportId);
    if (report) await this.record(manager, 'report.resolved', report);
  },
};

async function findArticle(manager: EntityManager, id: string): Promise<ArticleRow | null> {
  const [row]: ArticleRow[] = await manager.query(
    'SELECT id, slug, title, status, published_at FROM articles WHERE id = $1',
    [id],
  );
  return row ?? null;
}

function articleData(article: ArticleRow): Record<string, unknown> {
  return {
    article: {
      id: article.id,
      slug: article.slug,
      title: article.title,
      status: article.status,
      publishedAt: article.published_at?.toISOString() ?? null,
    },
  };
}

/** Only what an integrator needs to look the report up in the moderation queue. */
async function findReport(
  manager: EntityManager,
  where: string,
  value: string,
): Promise<Record<string, unknown> | null> {
  const [row]: Array<{
    id: string;
    reason: string;
    status: string;
    resolution_action: string | null;
    section_anchor: string | null;
    created_at: Date;
    resolved_at: Date | null;
    article_id: string;
    article_slug: string;
  }> = await manager.query(
    `SELECT r.id, r.reason, r.status, r.resolution_action, r.section_anchor, r.created_at,
            r.resolved_at, a.id AS article_id, a.slug AS article_slug
       FROM reports r JOIN articles a ON a.id = r.article_id
      WHERE ${where}`,
    [value],
  );
  if (!row) return null;
  return {
    report: {
      id: row.id,
      reason: row.reason,
      status: row.status,
      resolutionAction: row.resolution_action,
      sectionAnchor: row.section_anchor,
      createdAt: row.created_at.toISOString(),
      resolvedAt: row.resolved_at?.toISOString() ?? null,
    },
    article: { id: row.article_id, slug: row.article_slug },
  };
}
