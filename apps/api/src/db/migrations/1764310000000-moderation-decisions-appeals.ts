import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Moderation decisions with their statement of reasons (which reporters see on their receipt),
 * appeals against them, and a generic actor id in the audit trail (a token today, a Studio
 * user later).
 */
export class ModerationDecisionsAppeals1764310000000 implements MigrationInterface {
  name = 'ModerationDecisionsAppeals1764310000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE audit_events ADD COLUMN actor_id varchar(100);
      UPDATE audit_events SET actor_id = CASE WHEN actor_token_id IS NULL THEN 'system'
                                              ELSE 'token:' || actor_token_id END;
      ALTER TABLE audit_events ALTER COLUMN actor_id SET NOT NULL;
      CREATE INDEX audit_events_actor ON audit_events (actor_id, id DESC);

      CREATE TABLE moderation_decisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        article_id uuid NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        action varchar(40) NOT NULL
          CHECK (action IN ('dismiss', 'keep_hidden', 'remove_article', 'restore_article')),
        -- 'report': one report was decided; 'page': the page and all its open reports.
        scope varchar(10) NOT NULL CHECK (scope IN ('report', 'page')),
        reasons text NOT NULL CHECK (char_length(reasons) BETWEEN 1 AND 2000),
        template varchar(60),
        actor_id varchar(100) NOT NULL,
        actor_name varchar(100) NOT NULL,
        decided_at timestamptz NOT NULL,
        -- Set when the decision is an appeal's reversal.
        appeal_id uuid
      );
      CREATE INDEX moderation_decisions_article ON moderation_decisions (article_id, decided_at DESC);
      CREATE INDEX moderation_decisions_decided_at ON moderation_decisions (decided_at);

      ALTER TABLE reports ADD COLUMN decision_id uuid REFERENCES moderation_decisions (id) ON DELETE SET NULL;
      -- Reports resolved before decisions were recorded get one each, reusing the report's id.
      INSERT INTO moderation_decisions (id, article_id, action, scope, reasons, actor_id,
                                        actor_name, decided_at)
      SELECT r.id, r.article_id, r.resolution_action, 'report',
             'No statement of reasons was recorded for this decision.',
             COALESCE('token:' || r.resolved_by, 'unknown'), COALESCE(t.name, 'unknown'),
             r.resolved_at
        FROM reports r LEFT JOIN api_tokens t ON t.id = r.resolved_by
       WHERE r.resolved_at IS NOT NULL AND r.resolution_action IS NOT NULL;
      UPDATE reports SET decision_id = id WHERE resolved_at IS NOT NULL AND resolution_action IS NOT NULL;
      CREATE INDEX reports_resolved_at ON reports (resolved_at) WHERE resolved_at IS NOT NULL;
      CREATE INDEX reports_created_at ON reports (created_at);

      CREATE TABLE moderation_appeals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        decision_id uuid NOT NULL REFERENCES moderation_decisions (id) ON DELETE CASCADE,
        article_id uuid NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        appellant varchar(10) NOT NULL CHECK (appellant IN ('reporter', 'author')),
        -- The reporter's report (by its receipt), or the staff member filing for the author.
        report_id uuid REFERENCES reports (id) ON DELETE CASCADE,
        filed_by_actor_id varchar(100) NOT NULL,
        filed_by_name varchar(100) NOT NULL,
        grounds text NOT NULL CHECK (char_length(grounds) BETWEEN 1 AND 2000),
        status varchar(10) NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'upheld', 'reversed')),
        filed_at timestamptz NOT NULL,
        outcome_reasons text CHECK (char_length(outcome_reasons) BETWEEN 1 AND 2000),
        outcome_decision_id uuid REFERENCES moderation_decisions (id) ON DELETE SET NULL,
        resolved_by_actor_id varchar(100),
        resolved_by_name varchar(100),
        resolved_at timestamptz,
        CHECK ((appellant = 'reporter') = (report_id IS NOT NULL)),
        CHECK ((status = 'open') = (resolved_at IS NULL))
      );
      -- Once per appellant: a reporter once per report, the author once per decision.
      CREATE UNIQUE INDEX moderation_appeals_once_per_report ON moderation_appeals (report_id)
        WHERE appellant = 'reporter';
      CREATE UNIQUE INDEX moderation_appeals_once_per_author ON moderation_appeals (decision_id)
        WHERE appellant = 'author';
      CREATE INDEX moderation_appeals_queue ON moderation_appeals (status, filed_at, id);
      ALTER TABLE moderation_decisions ADD CONSTRAINT moderation_decisions_appeal
        FOREIGN KEY (appeal_id) REFERENCES moderation_appeals (id) ON DELETE SET NULL;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE moderation_decisions DROP CONSTRAINT moderation_decisions_appeal;
      DROP TABLE moderation_appeals;
      DROP INDEX reports_created_at;
      DROP INDEX reports_resolved_at;
      ALTER TABLE reports DROP COLUMN decision_id;
      DROP TABLE moderation_decisions;
      DROP INDEX audit_events_actor;
      ALTER TABLE audit_events DROP COLUMN actor_id;
    `);
  }
}
