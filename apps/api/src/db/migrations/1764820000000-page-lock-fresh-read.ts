import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `lock_page(id)`: takes a page's row lock (FOR NO KEY UPDATE on its article, as before), then
 * reads the page and its moderation row in a second query.
 *
 * Why two queries: a statement reads from one snapshot, taken when it starts. When it waits
 * for a row lock, PostgreSQL re-reads (EvalPlanQual) only the locked row, and only if its
 * holder updated that row. A holder that changed `article_moderation` alone (a batch flagging
 * the page) leaves the article's row as it was, so a waiter locking and reading in one
 * statement got the moderation row from before the wait, and acted on a page it believed
 * unflagged. A VOLATILE function takes a fresh snapshot for each of its queries in READ
 * COMMITTED (PostgreSQL, "Function Volatility Categories"), so the read, which starts after
 * the lock was granted, sees what the previous holder committed. Callers stay one statement,
 * and a caller locking several pages orders them itself (report-batch.store.ts).
 */
export class PageLockFreshRead1764820000000 implements MigrationInterface {
  name = 'PageLockFreshRead1764820000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION lock_page(page uuid)
        RETURNS TABLE (id uuid, slug text, status article_status, published_at timestamptz,
                       moderation_state moderation_state, auto_hidden boolean,
                       cleared_at timestamptz, flagged_at timestamptz)
        LANGUAGE sql VOLATILE AS $$
          SELECT 1 FROM articles WHERE articles.id = page FOR NO KEY UPDATE;
          SELECT a.id, a.slug, a.status, a.published_at, a.moderation_state,
                 m.auto_hidden, m.cleared_at, m.flagged_at
            FROM articles a LEFT JOIN article_moderation m ON m.article_id = a.id
           WHERE a.id = page;
        $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION lock_page(uuid)`);
  }
}
