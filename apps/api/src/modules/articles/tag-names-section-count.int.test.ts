import type { QueryRunner } from 'typeorm';
import { useApiTestContext } from '../../../test/api-test-context.js';
import { createArticle } from '../../../test/factories.js';
import { Role, sessionFor } from '../../../test/staff.js';

// Lists show each article's tags and section count from copies on its row, which the triggers
// of migration 1764960000000 keep in step with article_tags and sections, whoever writes them.

const context = useApiTestContext({ RESPONSE_CACHE_MB: '0' });
beforeEach(() => context.db.reset());

const LIST = `{ articles(first: 10) { edges { node { slug tags sectionCount } } } }`;

async function listed(): Promise<Array<{ slug: string; tags: string[]; sectionCount: number }>> {
  const { data, errors } = await context.api.query(LIST);
  if (errors) throw new Error(JSON.stringify(errors));
  return data!.articles.edges.map((edge: { node: unknown }) => edge.node);
}

async function copies(slug: string): Promise<{ tag_names: string[]; section_count: number }> {
  const [row] = await context.db.dataSource.query(
    `SELECT tag_names, section_count FROM articles WHERE slug = $1`,
    [slug],
  );
  return row;
}

async function idOf(slug: string): Promise<string> {
  const [row] = await context.db.dataSource.query(`SELECT id FROM articles WHERE slug = $1`, [
    slug,
  ]);
  return row.id;
}

describe("an article's tag names and section count", () => {
  it("follow an editor's changes to tags and sections in the lists at once", async () => {
    const editor = await sessionFor(context.api, context.db.dataSource, Role.EDITOR);
    const edit = async (mutation: string) => {
      const { data, errors } = await context.api.query(mutation, {}, editor.headers);
      if (errors) throw new Error(JSON.stringify(errors));
      return data!;
    };
    const created = await edit(
      `mutation { createArticle(input: { title: "Tagged piece", tags: ["Zebra", "apple"], sections: [
        { heading: "One", markdown: "First." }, { heading: "Two", markdown: "Second." }] })
        { id version sections { id } } }`,
    );
    const { id } = created.createArticle;
    await edit(`mutation { publishArticle(id: "${id}", expectedVersion: 1) { version } }`);
    expect(await listed()).toEqual([
      { slug: 'tagged-piece', tags: ['apple', 'zebra'], sectionCount: 2 },
    ]);

    await edit(
      `mutation { updateArticle(id: "${id}", input: { tags: ["mango"] }, expectedVersion: 2) { version } }`,
    );
    await edit(
      `mutation { addSection(articleId: "${id}", input: { markdown: "Third." }, expectedVersion: 3) { id } }`,
    );
    expect(await listed()).toEqual([{ slug: 'tagged-piece', tags: ['mango'], sectionCount: 3 }]);

    await edit(
      `mutation { removeSection(id: "${created.createArticle.sections[0].id}", expectedVersion: 4) { id } }`,
    );
    await edit(
      `mutation { updateArticle(id: "${id}", input: { tags: [] }, expectedVersion: 5) { version } }`,
    );
    expect(await listed()).toEqual([{ slug: 'tagged-piece', tags: [], sectionCount: 2 }]);
  });

  it('follow plain SQL: tag rows added, moved and removed, a tag renamed, sections added and removed', async () => {
    await createArticle(context.db.dataSource, { title: 'First', tags: ['b'] });
    await createArticle(context.db.dataSource, { title: 'Second', tags: ['c'] });
    const [first, second] = [await idOf('first'), await idOf('second')];
    const { dataSource } = context.db;
    await dataSource.query(`INSERT INTO tags (name) VALUES ('a'), ('d')`);

    await dataSource.query(
      `INSERT INTO article_tags (article_id, tag_id) SELECT $1, id FROM tags WHERE name IN ('a', 'd')`,
      [first],
    );
    expect((await copies('first')).tag_names).toEqual(['a', 'b', 'd']);

    // One statement moves a tag row from one article to the other: both are refreshed.
    await dataSource.query(
      `UPDATE article_tags SET article_id = $2
        WHERE article_id = $1 AND tag_id = (SELECT id FROM tags WHERE name = 'd')`,
      [first, second],
    );
    expect((await copies('first')).tag_names).toEqual(['a', 'b']);
    expect((await copies('second')).tag_names).toEqual(['c', 'd']);

    await dataSource.query(`UPDATE tags SET name = 'e' WHERE name = 'a'`);
    expect((await copies('first')).tag_names).toEqual(['b', 'e']);

    await dataSource.query(`DELETE FROM article_tags WHERE article_id = $1`, [first]);
    expect((await copies('first')).tag_names).toEqual([]);

    expect((await copies('second')).section_count).toBe(3);
    await dataSource.query(
      `INSERT INTO sections (article_id, position, heading, anchor, blocks, text, word_count)
       VALUES ($1, 3, 'Added', 'added', '[]', 'Added', 1), ($1, 4, 'More', 'more', '[]', 'More', 1)`,
      [second],
    );
    expect((await copies('second')).section_count).toBe(5);
    await dataSource.query(`DELETE FROM sections WHERE article_id = $1 AND position < 2`, [second]);
    expect((await copies('second')).section_count).toBe(3);
    expect(await listed()).toEqual(
      expect.arrayContaining([
        { slug: 'first', tags: [], sectionCount: 3 },
        { slug: 'second', tags: ['c', 'd'], sectionCount: 3 },
      ]),
    );

    // Deleting an article takes its tag rows and sections with it; nothing is left to refresh.
    await dataSource.query(`DELETE FROM articles WHERE id = $1`, [second]);
    expect(await listed()).toEqual([{ slug: 'first', tags: [], sectionCount: 3 }]);
  });

  it('rewrite no article when a statement changes nothing it shows', async () => {
    await createArticle(context.db.dataSource, { title: 'Quiet', tags: ['x', 'y'] });
    const version = async () =>
      (
        await context.db.dataSource.query(
          `SELECT xmin::text AS version FROM articles WHERE slug = 'quiet'`,
        )
      )[0].version as string;
    const before = await version();
    // What the related-articles triggers do when a page's listing changes, and a heading edit.
    await context.db.dataSource.query(`UPDATE article_tags SET listed = NOT listed`);
    await context.db.dataSource.query(`UPDATE sections SET heading = heading || '!'`);
    expect(await version()).toBe(before);
    expect(await copies('quiet')).toEqual({ tag_names: ['x', 'y'], section_count: 3 });
  });

  it('keep both of two transactions that tag one article at once', async () => {
    await createArticle(context.db.dataSource, { title: 'Shared', tags: ['base'] });
    const id = await idOf('shared');
    const { dataSource } = context.db;
    await dataSource.query(`INSERT INTO tags (name) VALUES ('one'), ('two')`);
    const tag = (runner: QueryRunner, name: string) =>
      runner.query(
        `INSERT INTO article_tags (article_id, tag_id) SELECT $1, id FROM tags WHERE name = $2`,
        [id, name],
      );
    const [first, second] = [dataSource.createQueryRunner(), dataSource.createQueryRunner()];
    try {
      await first.startTransaction();
      await tag(first, 'one');
      const [{ xid }] = await first.query(`SELECT xid(pg_current_xact_id())::text AS xid`);
      await second.startTransaction();
      const secondTags = tag(second, 'two');
      // The second waits for the first's lock on the article (seen in pg_locks, not timed).
      for (;;) {
        const [{ n }] = await dataSource.query(
          `SELECT count(*)::int AS n FROM pg_locks
            WHERE locktype = 'transactionid' AND transactionid::text = $1 AND NOT granted`,
          [xid],
        );
        if (n > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await first.commitTransaction();
      await secondTags;
      await second.commitTransaction();
    } finally {
      await first.release();
      await second.release();
    }
    expect((await copies('shared')).tag_names).toEqual(['base', 'one', 'two']);
  });
});
