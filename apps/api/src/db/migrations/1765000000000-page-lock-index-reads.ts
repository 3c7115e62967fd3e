import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `lock_page(id)` reads its two rows by primary key, whatever size `article_moderation` had
 * when a connection first planned it.
 *
 * PostgreSQL 18 keeps a SQL function's plans in the connection's plan cache (before 18 they
 * were made again for each statement calling the function), and after five calls the generic
 * plan is kept. A connection that first locked pages while `article_moderation` was empty or
 * small planned a sequential scan of it (cheapest on an empty table) and went on scanning it as
 * it grew, until autovacuum's next ANALYZE of it invalidated the plan: one full read of the
 * table per page locked. The bench's W4 flags all 10,000 pages within a run, so each report's
 * page lock read up to 10,000 rows (in one 33 s run, 43,299 scans reading 108.9 million rows,
 * and the batch's first statement went from 0.5 to 6.4 ms). A sequential scan is never the
 * right plan for a lookup by primary key, so the function is planned without one.
 */
export class PageLockIndexReads1765000000000 implements MigrationInterface {
  name = 'PageLockIndexReads1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER FUNCTION lock_page(uuid) SET enable_seqscan = off`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER FUNCTION lock_page(uuid) RESET enable_seqscan`);
  }
}
