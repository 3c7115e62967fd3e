import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reporters' networks, so the review threshold counts networks rather than addresses, and each
 * page's moderation bookkeeping: who hid it, when a moderator last cleared it, brigade flags.
 */
export class ReportNetworksPageModeration1764300000000 implements MigrationInterface {
  name = 'ReportNetworksPageModeration1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      -- Older reports cannot be grouped after the fact: each counts as its own network.
      ALTER TABLE reports ADD COLUMN network_key char(64);
      UPDATE reports SET network_key = reporter_key;
      ALTER TABLE reports ALTER COLUMN network_key SET NOT NULL;
      CREATE INDEX reports_by_article_network ON reports (article_id, network_key, created_at);

      CREATE TABLE article_moderation (
        article_id uuid PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        -- Under review because of the threshold (true) or a moderator's decision (false).
        auto_hidden boolean NOT NULL DEFAULT false,
        auto_hidden_at timestamptz,
        -- A moderator left the page visible: earlier reports and their networks stop counting.
        cleared_at timestamptz,
        -- The threshold was reached but looked like a brigade: moderators decide, not the count.
        flagged_at timestamptz,
        flag_reason varchar(40)
      );
      CREATE INDEX article_moderation_auto_hidden_at ON article_moderation (auto_hidden_at);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE article_moderation;
      DROP INDEX reports_by_article_network;
      ALTER TABLE reports DROP COLUMN network_key;
    `);
  }
}
