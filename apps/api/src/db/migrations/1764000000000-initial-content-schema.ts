import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Articles, their ordered sections, tags, and the full-text search columns and indexes. */
export class InitialContentSchema1764000000000 implements MigrationInterface {
  name = 'InitialContentSchema1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TYPE article_status AS ENUM ('draft', 'scheduled', 'published', 'archived');
      CREATE TYPE moderation_state AS ENUM ('visible', 'under_review', 'removed');

      CREATE TABLE articles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug varchar(200) NOT NULL,
        title text NOT NULL,
        summary text,
        label varchar(80),
        author varchar(200),
        status article_status NOT NULL DEFAULT 'draft',
        moderation_state moderation_state NOT NULL DEFAULT 'visible',
        published_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        word_count integer NOT NULL DEFAULT 0 CHECK (word_count >= 0),
        reading_time_minutes integer NOT NULL DEFAULT 0 CHECK (reading_time_minutes >= 0),
        -- Weighted title (A) > summary and headings (B) > body (C); written by the service
        -- after the sections, since it spans two tables.
        search_vector tsvector NOT NULL DEFAULT ''::tsvector,
        CONSTRAINT articles_slug_unique UNIQUE (slug),
        CONSTRAINT articles_published_has_date CHECK (status <> 'published' OR published_at IS NOT NULL)
      );
      CREATE INDEX articles_published_order ON articles (published_at DESC, id DESC)
        WHERE status = 'published';
      CREATE INDEX articles_search ON articles USING GIN (search_vector);

      CREATE TABLE sections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        article_id uuid NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        position integer NOT NULL CHECK (position >= 0),
        heading text,
        anchor varchar(200) NOT NULL,
        blocks jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(blocks) = 'array'),
        text text NOT NULL DEFAULT '',
        word_count integer NOT NULL DEFAULT 0 CHECK (word_count >= 0),
        search_vector tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('english', coalesce(heading, '')), 'B') ||
          setweight(to_tsvector('english', text), 'C')
        ) STORED,
        -- Deferrable so that a reorder can swap positions inside one transaction.
        CONSTRAINT sections_article_position_unique UNIQUE (article_id, position)
          DEFERRABLE INITIALLY IMMEDIATE,
        CONSTRAINT sections_article_anchor_unique UNIQUE (article_id, anchor)
      );

      CREATE TABLE tags (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(64) NOT NULL,
        CONSTRAINT tags_name_unique UNIQUE (name),
        CONSTRAINT tags_name_normalized CHECK (name = lower(name) AND name <> '')
      );

      CREATE TABLE article_tags (
        article_id uuid NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        tag_id uuid NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
        PRIMARY KEY (article_id, tag_id)
      );
      CREATE INDEX article_tags_tag ON article_tags (tag_id, article_id);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE article_tags;
      DROP TABLE tags;
      DROP TABLE sections;
      DROP TABLE articles;
      DROP TYPE moderation_state;
      DROP TYPE article_status;
    `);
  }
}
