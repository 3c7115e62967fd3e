import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where an imported article came from, so importing the same export again updates it instead
 * of adding a copy: `source_key` is the source system's identity for it (a WordPress site and
 * post id, a Ghost post's uuid, a page's canonical address), unique when set; `source_hash`
 * fingerprints what the import wrote, so an unchanged item is left alone (no write, no new
 * revision, no cache purge).
 */
export class ArticleSourceIdentity1764400000000 implements MigrationInterface {
  name = 'ArticleSourceIdentity1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE articles
        ADD COLUMN source_key text,
        ADD COLUMN source_hash char(64),
        ADD CONSTRAINT articles_source_key_unique UNIQUE (source_key),
        ADD CONSTRAINT articles_source_key_length CHECK (char_length(source_key) <= 1000)
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE articles
        DROP CONSTRAINT articles_source_key_length,
        DROP CONSTRAINT articles_source_key_unique,
        DROP COLUMN source_hash,
        DROP COLUMN source_key
    `);
  }
}
