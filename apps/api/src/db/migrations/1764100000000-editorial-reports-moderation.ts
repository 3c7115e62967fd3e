import type { MigrationInterface, QueryRunner } from 'typeorm';

/** API tokens, revisions, scheduling, readers' reports, the audit trail and the rate-limit store. */
export class EditorialReportsModeration1764100000000 implements MigrationInterface {
  name = 'EditorialReportsModeration1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      -- Scheduled articles become visible when published_at passes, without a job or restart.
      ALTER TABLE articles DROP CONSTRAINT articles_published_has_date;
      ALTER TABLE articles ADD CONSTRAINT articles_published_has_date
        CHECK (status NOT IN ('published', 'scheduled') OR published_at IS NOT NULL);
      DROP INDEX articles_published_order;
      CREATE INDEX articles_published_order ON articles (published_at DESC, id DESC)
        WHERE status IN ('published', 'scheduled') AND moderation_state = 'visible';

      CREATE TYPE api_token_role AS ENUM ('editor', 'moderator', 'admin');
      CREATE TABLE api_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        role api_token_role NOT NULL,
        token_hash char(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz,
        CONSTRAINT api_tokens_name_unique UNIQUE (name),
        CONSTRAINT api_tokens_hash_unique UNIQUE (token_hash)
      );

      CREATE TABLE article_revisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        article_id uuid NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        number integer NOT NULL CHECK (number > 0),
        reason varchar(40) NOT NULL,
        snapshot jsonb NOT NULL,
        created_by uuid REFERENCES api_tokens (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT article_revisions_number_unique UNIQUE (article_id, number)
      );

      CREATE TYPE report_reason AS ENUM ('spam', 'misinformation', 'harassment_or_hate',
        'sexual_content', 'self_harm', 'copyright', 'illegal', 'other');
      CREATE TYPE report_status AS ENUM ('open', 'triaged', 'actioned', 'dismissed');
      CREATE TABLE reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        receipt varchar(32) NOT NULL,
        article_id uuid NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        section_id uuid REFERENCES sections (id) ON DELETE SET NULL,
        section_anchor varchar(200),
        reason report_reason NOT NULL,
        details text NOT NULL DEFAULT '' CHECK (char_length(details) <= 2000),
        contact_email varchar(254),
        reporter_key char(64) NOT NULL,
        idempotency_key varchar(100) NOT NULL,
        request_hash char(64) NOT NULL,
        status report_status NOT NULL DEFAULT 'open',
        resolution_action varchar(40),
        resolution_note text CHECK (char_length(resolution_note) <= 2000),
        resolved_by uuid REFERENCES api_tokens (id) ON DELETE SET NULL,
        -- Millisecond precision, like the JavaScript dates in keyset cursors.
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        updated_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        CONSTRAINT reports_receipt_unique UNIQUE (receipt),
        -- The same key always means the same report, even under concurrent submissions.
        CONSTRAINT reports_idempotency_key_unique UNIQUE (idempotency_key)
      );
      CREATE INDEX reports_queue ON reports (status, created_at DESC, id DESC);
      CREATE INDEX reports_by_article ON reports (article_id, status);

      CREATE TABLE audit_events (
        -- A sequence, not a random id: the trail has a strict order even within one transaction.
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        actor_token_id uuid REFERENCES api_tokens (id) ON DELETE SET NULL,
        actor_name varchar(100) NOT NULL,
        action varchar(60) NOT NULL,
        target_type varchar(30) NOT NULL,
        target_id varchar(100) NOT NULL,
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      );
      CREATE INDEX audit_events_target ON audit_events (target_id, id DESC);

      -- rate-limiter-flexible's PostgreSQL store, in the shape it expects.
      CREATE TABLE rate_limits (
        key varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      );
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE rate_limits;
      DROP TABLE audit_events;
      DROP TABLE reports;
      DROP TYPE report_status;
      DROP TYPE report_reason;
      DROP TABLE article_revisions;
      DROP TABLE api_tokens;
      DROP TYPE api_token_role;
      DROP INDEX articles_published_order;
      CREATE INDEX articles_published_order ON articles (published_at DESC, id DESC)
        WHERE status = 'published';
      ALTER TABLE articles DROP CONSTRAINT articles_published_has_date;
      ALTER TABLE articles ADD CONSTRAINT articles_published_has_date
        CHECK (status <> 'published' OR published_at IS NOT NULL);
    `);
  }
}
