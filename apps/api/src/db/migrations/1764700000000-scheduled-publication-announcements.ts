import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A scheduled article becomes visible when its time comes, with no write at all; webhook
 * receivers still need an `article.published` event then. `announced_published_at` records the
 * publication date that was announced, so each due publication is announced once, and an
 * article scheduled again for another date is announced again. The partial index keeps the
 * workers' look for due ones to the few scheduled rows.
 */
export class ScheduledPublicationAnnouncements1764700000000 implements MigrationInterface {
  name = 'ScheduledPublicationAnnouncements1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE articles ADD COLUMN announced_published_at timestamptz`);
    // Those already visible went live before there was anything to announce them: not now.
    await queryRunner.query(
      `UPDATE articles SET announced_published_at = published_at
        WHERE status = 'scheduled' AND published_at <= now()`,
    );
    await queryRunner.query(
      `CREATE INDEX articles_scheduled_due ON articles (published_at) WHERE status = 'scheduled'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX articles_scheduled_due`);
    await queryRunner.query(`ALTER TABLE articles DROP COLUMN announced_published_at`);
  }
}
