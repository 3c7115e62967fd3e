import type { DataSource, EntityManager } from 'typeorm';
import { recordAuditMany } from '../audit/audit.service.js';
import { webhookOutbox } from './webhook-outbox.js';

/** Visible scheduled articles past their date ($1) and not announced for it. */
const DUE = `status = 'scheduled' AND published_at <= $1 AND moderation_state = 'visible'
             AND announced_published_at IS DISTINCT FROM published_at`;

/** Due publications announced per transaction at most; the next round takes the rest. */
const BATCH = 100;

/**
 * Scheduled articles become visible when their time comes without any write (see
 * articles.queries.ts), so nothing else would tell webhook receivers. Each webhook worker
 * round calls this first: every visible scheduled article whose date has passed and was not
 * announced for that date gets one `article.published` event and a system `article.publish`
 * audit entry, and is marked with the date announced, all in one transaction. Workers in
 * several processes skip the rows another one holds, so each publication is announced once; an
 * article scheduled again for another date is announced again then. A page under moderation at
 * its time is announced when it becomes visible. Returns how many were announced.
 */
export async function announceDuePublications(dataSource: DataSource, now: Date): Promise<number> {
  // A plain read first: any UPDATE of articles, even of no row, fires the statement-level
  // content-change trigger, and every cache would be purged on every worker round.
  const [found]: Array<{ due: boolean }> = await dataSource.query(
    `SELECT EXISTS (SELECT 1 FROM articles WHERE ${DUE}) AS due`,
    [now],
  );
  if (!found?.due) return 0;
  return dataSource.transaction(async (manager) => {
    // A SELECT over the UPDATE, so the driver answers with the rows themselves.
    const rows: Array<{ id: string }> = await manager.query(
      `WITH due AS (
         SELECT id FROM articles
          WHERE ${DUE}
          ORDER BY published_at
          LIMIT $2
            FOR UPDATE SKIP LOCKED),
       announced AS (
         UPDATE articles a SET announced_published_at = a.published_at
           FROM due WHERE a.id = due.id
         RETURNING a.id)
       SELECT id FROM announced`,
      [now, BATCH],
    );
    const ids = rows.map((row) => row.id);
    if (ids.length === 0) return 0;
    await webhookOutbox.articlesPublished(manager, ids);
    await recordAuditMany(
      manager,
      null,
      'article.publish',
      ids.map((id) => ({ type: 'article' as const, id })),
      { scheduled: true },
    );
    return ids.length;
  });
}

/** Whether a scheduled article was announced for its present date (by a round or an import). */
export async function announcedForItsDate(
  manager: EntityManager,
  articleId: string,
): Promise<boolean> {
  const [row]: Array<{ announced: boolean }> = await manager.query(
    `SELECT announced_published_at IS NOT DISTINCT FROM published_at AS announced
       FROM articles WHERE id = $1`,
    [articleId],
  );
  return row?.announced ?? false;
}

/** Marks a scheduled article announced for its date by someone else (an import), so no round does. */
export async function markAnnounced(manager: EntityManager, articleId: string): Promise<void> {
  await manager.query('UPDATE articles SET announced_published_at = published_at WHERE id = $1', [
    articleId,
  ]);
}
