import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Any committed change to published content, from any process (another API instance, the
 * import CLI, a hand-written UPDATE), notifies `folio_content_changed`. API instances listen
 * and drop their cached responses. Reports are not content: filing one notifies nothing unless
 * it moves the article under review, which updates `articles`.
 */
export class ContentChangeNotifications1764200000000 implements MigrationInterface {
  name = 'ContentChangeNotifications1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION notify_content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Delivered at commit, once per transaction and payload; nothing if it rolls back.
        PERFORM pg_notify('folio_content_changed', TG_TABLE_NAME);
        RETURN NULL;
      END $$;
    `);
    for (const table of ['articles', 'sections', 'tags', 'article_tags']) {
      await queryRunner.query(`
        CREATE TRIGGER ${table}_content_changed
          AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION notify_content_changed();
      `);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['articles', 'sections', 'tags', 'article_tags']) {
      await queryRunner.query(`DROP TRIGGER ${table}_content_changed ON ${table}`);
    }
    await queryRunner.query('DROP FUNCTION notify_content_changed()');
  }
}
