import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each tag's listed articles, newest first, from one index: `related` looks for candidates
 * among the newest listed articles of each of an article's tags (related-articles.sql.ts)
 * instead of counting every article of every tag it has, which at 10,000 articles cost
 * PostgreSQL ~6 ms a page and grows with the tags.
 *
 * An index cannot reach into another table, so each article's listing state and date are
 * copied onto its tag rows by two triggers: one fills a tag row as it is inserted, the other
 * follows the article when its status, date or moderation state change, whoever writes them
 * (the editor, moderation, an import, plain SQL). `listed` is `listedCondition` of
 * article.queries.ts without its clock: readers' queries add `published_at <= now()`, so a
 * scheduled article joins the lists when its time comes with no write at all.
 */
export class RelatedArticlesByTag1764910000000 implements MigrationInterface {
  name = 'RelatedArticlesByTag1764910000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE article_tags
        ADD COLUMN published_at timestamptz,
        ADD COLUMN listed boolean NOT NULL DEFAULT false;

      UPDATE article_tags at
         SET published_at = a.published_at,
             listed = a.status IN ('published', 'scheduled') AND a.moderation_state = 'visible'
        FROM articles a
       WHERE a.id = at.article_id;

      CREATE FUNCTION article_tags_copy_listing() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT a.published_at, a.status IN ('published', 'scheduled') AND a.moderation_state = 'visible'
          INTO NEW.published_at, NEW.listed
          FROM articles a WHERE a.id = NEW.article_id;
        RETURN NEW;
      END $$;
      CREATE TRIGGER article_tags_copy_listing BEFORE INSERT OR UPDATE OF article_id ON article_tags
        FOR EACH ROW EXECUTE FUNCTION article_tags_copy_listing();

      CREATE FUNCTION articles_share_listing() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE article_tags
           SET published_at = NEW.published_at,
               listed = NEW.status IN ('published', 'scheduled') AND NEW.moderation_state = 'visible'
         WHERE article_id = NEW.id;
        RETURN NULL;
      END $$;
      CREATE TRIGGER articles_share_listing AFTER UPDATE OF status, published_at, moderation_state ON articles
        FOR EACH ROW
        WHEN (OLD.status IS DISTINCT FROM NEW.status
              OR OLD.published_at IS DISTINCT FROM NEW.published_at
              OR OLD.moderation_state IS DISTINCT FROM NEW.moderation_state)
        EXECUTE FUNCTION articles_share_listing();

      -- (tag, newest first, id) as the related statement walks it; only listed rows.
      CREATE INDEX article_tags_listed_newest ON article_tags (tag_id, published_at DESC, article_id)
        WHERE listed;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP INDEX article_tags_listed_newest;
      DROP TRIGGER articles_share_listing ON articles;
      DROP FUNCTION articles_share_listing();
      DROP TRIGGER article_tags_copy_listing ON article_tags;
      DROP FUNCTION article_tags_copy_listing();
      ALTER TABLE article_tags DROP COLUMN listed, DROP COLUMN published_at;
    `);
  }
}
