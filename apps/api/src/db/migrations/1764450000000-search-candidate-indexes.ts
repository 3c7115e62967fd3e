import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for search's bounded candidate set (modules/search/search.service.ts): title and
 * summary, headings, and each section's own vector, so a query never reads whole-article
 * vectors (large and compressed) to find or rank its matches. Expression indexes: nothing that
 * writes articles or sections changes.
 */
export class SearchCandidateIndexes1764450000000 implements MigrationInterface {
  name = 'SearchCandidateIndexes1764450000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE INDEX articles_headline_search ON articles USING GIN ((
        setweight(to_tsvector('english', title), 'A') ||
        setweight(to_tsvector('english', coalesce(summary, '')), 'B')));
      CREATE INDEX sections_heading_search ON sections
        USING GIN (to_tsvector('english', coalesce(heading, '')));
      CREATE INDEX sections_search ON sections USING GIN (search_vector);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP INDEX sections_search;
      DROP INDEX sections_heading_search;
      DROP INDEX articles_headline_search;
    `);
  }
}
