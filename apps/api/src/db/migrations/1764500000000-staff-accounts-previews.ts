import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Folio Studio: staff accounts and their server-side sessions, shareable preview links, and
 * the user behind each revision and audit event (beside the API token, which integrations
 * keep using).
 */
export class StaffAccountsPreviews1764500000000 implements MigrationInterface {
  name = 'StaffAccountsPreviews1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE staff_users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- Stored trimmed and lower-cased by the service; the check keeps it that way.
        email varchar(254) NOT NULL CHECK (email = lower(btrim(email))),
        display_name varchar(100) NOT NULL,
        role api_token_role NOT NULL,
        password_hash varchar(255) NOT NULL,
        must_change_password boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        last_sign_in_at timestamptz,
        deactivated_at timestamptz,
        CONSTRAINT staff_users_email_unique UNIQUE (email)
      );

      CREATE TABLE staff_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- sha-256 of the bearer token, hex: the token itself is never stored.
        token_hash char(64) NOT NULL,
        user_id uuid NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        user_agent varchar(300),
        address varchar(64),
        CONSTRAINT staff_sessions_token_hash_unique UNIQUE (token_hash)
      );
      CREATE INDEX staff_sessions_by_user ON staff_sessions (user_id, created_at DESC);

      CREATE TABLE preview_links (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        article_id uuid NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        created_by_user_id uuid REFERENCES staff_users (id) ON DELETE SET NULL,
        created_by_token_id uuid REFERENCES api_tokens (id) ON DELETE SET NULL,
        created_by_name varchar(100) NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        CHECK (expires_at > created_at)
      );
      CREATE INDEX preview_links_by_article ON preview_links (article_id, created_at DESC);

      ALTER TABLE article_revisions
        ADD COLUMN created_by_user_id uuid REFERENCES staff_users (id) ON DELETE SET NULL,
        ADD COLUMN created_by_name varchar(100);
      UPDATE article_revisions r SET created_by_name = t.name
        FROM api_tokens t WHERE t.id = r.created_by;

      ALTER TABLE audit_events
        ADD COLUMN actor_user_id uuid REFERENCES staff_users (id) ON DELETE SET NULL;
      CREATE INDEX audit_events_by_user ON audit_events (actor_user_id, id DESC)
        WHERE actor_user_id IS NOT NULL;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP INDEX audit_events_by_user;
      ALTER TABLE audit_events DROP COLUMN actor_user_id;
      ALTER TABLE article_revisions DROP COLUMN created_by_name, DROP COLUMN created_by_user_id;
      DROP TABLE preview_links;
      DROP TABLE staff_sessions;
      DROP TABLE staff_users;
    `);
  }
}
