import { createArticle } from '../../../test/factories.js';
import { useApiTestContext } from '../../../test/api-test-context.js';

// article(slug) reads the article's tags only when the query asks for them: many readers of the
// API (the body, a card) never show them. (Since migration 1764960000000 they are a column of the
// article's row, `tag_names`, no longer a sub-select, so leaving them out saves less.)

const context = useApiTestContext();

beforeAll(async () => {
  await createArticle(context.db.dataSource, { title: 'Look Ahead', tags: ['maps', 'bikes'] });
});

beforeEach(() => context.db.statements.reset());

const readsTags = () => context.db.statements.statements.some((sql) => sql.includes('tag_names'));

it('leaves the tags out of the statement when nobody asks for them', async () => {
  const { data } = await context.api.query<{ article: { title: string } }>(
    '{ article(slug: "look-ahead") { title sections { heading } } }',
  );
  expect(data!.article.title).toBe('Look Ahead');
  expect(context.db.statements.count).toBe(1);
  expect(readsTags()).toBe(false);
});

it.each([
  ['directly', '{ article(slug: "look-ahead") { title tags } }'],
  [
    'through a named fragment',
    '{ article(slug: "look-ahead") { ...Card } } fragment Card on Article { title ... on Article { tags } }',
  ],
])('reads them in the same statement when asked for %s', async (_how, query) => {
  const { data } = await context.api.query<{ article: { tags: string[] } }>(query);
  expect(data!.article.tags).toEqual(['bikes', 'maps']);
  expect(context.db.statements.count).toBe(1);
  expect(readsTags()).toBe(true);
});

describe("each section's fields", () => {
  const BODY =
    '{ article(slug: "look-ahead") { sections { heading anchor text blocks { __typename } } } }';
  const FULL =
    '{ article(slug: "look-ahead") { sections { id position wordCount heading anchor text blocks { __typename } } toc { anchor position } } }';
  const statement = () => context.db.statements.statements.join('\n');

  it('leaves ids, positions and word counts out of the statement when nobody asks for them', async () => {
    const { data } = await context.api.query(BODY);
    const { data: full } = await context.api.query(FULL);
    expect(data!.article.sections).toHaveLength(3);
    // The same sections, in the same order, as a query asking for everything.
    expect(data!.article.sections).toEqual(
      full!.article.sections.map(({ heading, anchor, text, blocks }: Record<string, unknown>) => ({
        heading,
        anchor,
        text,
        blocks,
      })),
    );
    context.db.statements.reset();
    await context.api.query(BODY);
    expect(statement()).not.toMatch(/s\.id|s\.position,|s\.word_count/);
  });

  it('answers ids, positions, word counts and the table of contents when asked for', async () => {
    const { data } = await context.api.query(FULL);
    const sections = data!.article.sections as Array<Record<string, unknown>>;
    expect(sections.map((section) => section.position)).toEqual([0, 1, 2]);
    expect(sections.every((section) => typeof section.id === 'string')).toBe(true);
    expect(sections.every((section) => (section.wordCount as number) > 0)).toBe(true);
    expect(data!.article.toc.map((entry: { position: number }) => entry.position)).toEqual([
      0, 1, 2,
    ]);
  });
});
