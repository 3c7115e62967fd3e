// A page's lock: the row lock (FOR NO KEY UPDATE) on its article, taken by `lock_page(id)`
// (migration 1764820000000-page-lock-fresh-read), which then reads the page in a query of its
// own. Every writer of a page's moderation (report batches, moderators' decisions, appeals)
// takes it before reading the page.
//
// Why not `SELECT ... FOR NO KEY UPDATE` with the read in the same statement: a statement's
// snapshot is taken when it starts, and after waiting for a row lock PostgreSQL re-reads only
// the locked row, and only if its holder updated it. A holder that changed the page's
// `article_moderation` row alone (a batch flagging the page) would go unseen, and the waiter
// would act on a page it believed unflagged. `lock_page` is VOLATILE, so its read takes a
// snapshot of its own after the lock was granted, wherever in a statement it is called.

/**
 * SQL locking the page whose id is `idSql` and reading it once locked: a relation of the
 * page's `id, slug, status, published_at, moderation_state, auto_hidden, cleared_at,
 * flagged_at` (no row when there is no such article). Several pages must be locked in one
 * order (by id), so that two transactions locking the same pages cannot deadlock.
 */
export const lockPageSql = (idSql: string) => `lock_page(${idSql})`;
