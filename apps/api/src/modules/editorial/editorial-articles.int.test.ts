import { useApiTestContext } from '../../../test/api-test-context.js';
import { createArticle } from '../../../test/factories.js';
import { bearerFor, Role } from '../../../test/tokens.js';

const context = useApiTestContext();
let editor: Record<string, string>;
beforeEach(async () => {
  await context.db.reset();
  editor = await bearerFor(context.db.dataSource, Role.EDITOR, 'ed');
});

const LIST = `query ($status: ArticleStatus, $moderationState: ModerationState, $query: String, $first: Int, $after: String) {
  editorialArticles(status: $status, moderationState: $moderationState, query: $query, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { title status moderationState } }
  }
}`;

async function list(variables: Record<string, unknown> = {}) {
  const { data, errors } = await context.api.query(LIST, variables, editor);
  if (errors) throw new Error(JSON.stringify(errors));
  return data!.editorialArticles;
}
const titles = (page: any) => page.edges.map((e: any) => e.node.title);

describe("Studio's article lists", () => {
  beforeEach(async () => {
    const ds = context.db.dataSource;
    await createArticle(ds, { title: 'Published harbour' });
    await createArticle(ds, { title: 'Draft lighthouse' }, { publish: false });
    await createArticle(ds, { title: 'Archived pier' });
    await createArticle(ds, { title: 'Reviewed quay' });
    await createArticle(ds, {
      title: 'Future breakwater',
      publishedAt: new Date(Date.now() + 86_400_000),
    });
    await ds.query(`UPDATE articles SET status = 'archived' WHERE title = 'Archived pier'`);
    await ds.query(
      `UPDATE articles SET moderation_state = 'under_review' WHERE title = 'Reviewed quay'`,
    );
    await ds.query(`UPDATE articles SET status = 'scheduled' WHERE title = 'Future breakwater'`);
  });

  it('lists every article by status and moderation state, drafts included', async () => {
    expect((await list()).totalCount).toBe(5);
    expect(titles(await list({ status: 'DRAFT' }))).toEqual(['Draft lighthouse']);
    expect(titles(await list({ status: 'ARCHIVED' }))).toEqual(['Archived pier']);
    expect(titles(await list({ status: 'SCHEDULED' }))).toEqual(['Future breakwater']);
    expect(titles(await list({ status: 'PUBLISHED' })).sort()).toEqual([
      'Published harbour',
      'Reviewed quay',
    ]);
    expect(titles(await list({ moderationState: 'UNDER_REVIEW' }))).toEqual(['Reviewed quay']);
  });

  it('searches titles and text, and pages with cursors', async () => {
    expect(titles(await list({ query: 'lighthouse' }))).toEqual(['Draft lighthouse']);
    expect(titles(await list({ query: 'PIER' }))).toEqual(['Archived pier']);
    expect((await list({ query: '100%_' })).totalCount).toBe(0);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await list({ first: 2, after });
      seen.push(...titles(page));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen.sort()).toEqual(titles(await list()).sort());
    expect(seen).toHaveLength(5);
  });

  it('opens one article by id with its sections as Markdown, for editing', async () => {
    const { createArticle: created } = (
      await context.api.query(
        `mutation { createArticle(input: { title: "Editable", sections: [{ heading: "One", markdown: "Some *words* and a [link](https://example.org)." }] }) { id } }`,
        {},
        editor,
      )
    ).data!;
    const { data } = await context.api.query(
      `{ editorialArticle(id: "${created.id}") { title status version sections { id heading markdown } } }`,
      {},
      editor,
    );
    expect(data!.editorialArticle).toEqual({
      title: 'Editable',
      status: 'DRAFT',
      version: 1,
      sections: [
        {
          id: expect.any(String),
          heading: 'One',
          markdown: 'Some *words* and a [link](https://example.org).',
        },
      ],
    });
    const anonymous = await context.api.query(
      `{ editorialArticle(id: "${created.id}") { title } }`,
    );
    expect(anonymous.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });
});
