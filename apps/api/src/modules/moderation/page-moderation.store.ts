import type { EntityManager } from 'typeorm';
import { ModerationState } from '../articles/article-status.js';
import { pageState, PageState, publicState, type Transition } from './moderation-state-machine.js';
import { lockPageSql } from './page-lock.js';

/** A page's moderation bookkeeping, read under the page's row lock (page-lock.ts). */
export interface PageModeration {
  articleId: string;
  state: PageState;
  /** A moderator last left the page visible at this time (reports before it stop counting). */
  clearedAt: Date | null;
  flaggedAt: Date | null;
}

interface PageRow {
  id: string;
  moderation_state: ModerationState;
  auto_hidden: boolean | null;
  cleared_at: Date | null;
  flagged_at: Date | null;
}

export function toPageModeration(row: PageRow): PageModeration {
  return {
    articleId: row.id,
    state: pageState(row.moderation_state, row.auto_hidden ?? false),
    clearedAt: row.cleared_at,
    flaggedAt: row.flagged_at,
  };
}

/**
 * Locks the page (moderation decisions and report batches on it run one at a time) and reads
 * its state once the lock was granted, so it sees what the lock's previous holder committed
 * (page-lock.ts). One statement.
 */
export async function lockPage(
  manager: EntityManager,
  articleId: string,
): Promise<PageModeration | null> {
  const [row]: PageRow[] = await manager.query(
    `SELECT id, moderation_state, auto_hidden, cleared_at, flagged_at
       FROM ${lockPageSql('$1::uuid')}`,
    [articleId],
  );
  return row ? toPageModeration(row) : null;
}

/** Stores where a transition left the page. */
export async function storeTransition(
  manager: EntityManager,
  articleId: string,
  change: Transition,
  now: Date,
): Promise<void> {
  if (publicState(change.from) !== publicState(change.to)) {
    await manager.query(
      `UPDATE articles SET moderation_state = $2, updated_at = now() WHERE id = $1`,
      [articleId, publicState(change.to)],
    );
  }
  const autoHidden = change.to === PageState.AUTO_HIDDEN;
  await manager.query(
    `INSERT INTO article_moderation AS m (article_id, auto_hidden, auto_hidden_at, cleared_at)
     VALUES ($1, $2, CASE WHEN $3 THEN $4::timestamptz END, CASE WHEN $5 THEN $4::timestamptz END)
     ON CONFLICT (article_id) DO UPDATE SET
       auto_hidden = EXCLUDED.auto_hidden,
       auto_hidden_at = CASE WHEN $3 THEN $4::timestamptz ELSE m.auto_hidden_at END,
       cleared_at = CASE WHEN $5 THEN $4::timestamptz ELSE m.cleared_at END,
       flagged_at = CASE WHEN $6 THEN NULL ELSE m.flagged_at END,
       flag_reason = CASE WHEN $6 THEN NULL ELSE m.flag_reason END`,
    [
      articleId,
      autoHidden,
      autoHidden && change.from !== PageState.AUTO_HIDDEN,
      now,
      change.clearsReports,
      change.settled || change.clearsReports,
    ],
  );
}

/** The threshold was reached but looks like a brigade: moderators see it, readers still do. */
export async function flagPage(
  manager: EntityManager,
  articleId: string,
  reason: string,
  now: Date,
): Promise<void> {
  await manager.query(
    `INSERT INTO article_moderation (article_id, flagged_at, flag_reason) VALUES ($1, $2, $3)
     ON CONFLICT (article_id) DO UPDATE SET flagged_at = $2, flag_reason = $3`,
    [articleId, now, reason],
  );
}

/**
 * Pages the threshold hid since `since`, site-wide. Callers about to hide one take an advisory
 * lock first, so two pages hidden at the same moment cannot both slip under the rate.
 */
export async function autoHidesSince(manager: EntityManager, since: Date): Promise<number> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('folio.auto_hide_rate'))`);
  const [row]: Array<{ n: number }> = await manager.query(
    `SELECT count(*)::int AS n FROM article_moderation WHERE auto_hidden_at > $1`,
    [since],
  );
  return row!.n;
}
