import { useApiTestContext } from '../../../test/api-test-context.js';
import { bearerFor, Role } from '../../../test/tokens.js';

const context = useApiTestContext();
let editor: Record<string, string>;
beforeEach(async () => {
  await context.db.reset();
  editor = await bearerFor(context.db.dataSource, Role.EDITOR, 'ed');
});

const ARTICLE_FIELDS =
  'id slug title status publishedAt tags sections { id position heading anchor text }';

async function as<T = any>(
  query: string,
  variables: Record<string, unknown> = {},
  headers = editor,
): Promise<T> {
  const { data, errors } = await context.api.query(query, variables, headers);
  if (errors) throw new Error(JSON.stringify(errors));
  return data as T;
}

async function createFromMarkdown(markdown: string) {
  const data = await as(
    `mutation ($md: String!) { createArticle(input: { markdown: $md }) { ${ARTICLE_FIELDS} } }`,
    {
      md: markdown,
    },
  );
  return data.createArticle;
}

const publicView = async (slug: string) =>
  (await context.api.query('query ($slug: String!) { article(slug: $slug) { title } }', { slug }))
    .data!.article;

describe('editorial mutations', () => {
  it('creates a draft from Markdown that only editors can preview', async () => {
    const article = await createFromMarkdown(
      '---\ntags: [maps]\n---\n# Tide tables\n\nLead.\n\n## Reading one\n\nText.\n\n## Printing\n\nMore.',
    );
    expect(article).toMatchObject({
      slug: 'tide-tables',
      status: 'DRAFT',
      publishedAt: null,
      tags: ['maps'],
    });
    expect(article.sections.map((s: any) => s.anchor)).toEqual(['reading-one', 'printing']);
    expect(await publicView('tide-tables')).toBeNull();
    const preview = await as('{ article(slug: "tide-tables", preview: true) { title } }');
    expect(preview.article.title).toBe('Tide tables');
  });

  it('creates from a sections input and refuses a slug already in use', async () => {
    const create = `mutation { createArticle(input: { title: "Harbours", tags: ["Sea"], sections: [
      { heading: "Old", markdown: "Stone *walls*." }, { markdown: "No heading here." }] }) { ${ARTICLE_FIELDS} } }`;
    const { createArticle } = await as(create);
    expect(createArticle.sections.map((s: any) => [s.position, s.heading, s.anchor])).toEqual([
      [0, 'Old', 'old'],
      [1, null, 'section-2'],
    ]);
    const again = await context.api.query(create, {}, editor);
    expect(again.errors![0]!.extensions!.code).toBe('CONFLICT');
    expect(
      (await context.db.dataSource.query('SELECT count(*)::int AS n FROM articles'))[0].n,
    ).toBe(1);
  });

  it('says what is wrong with invalid Markdown or input', async () => {
    const noTitle = await context.api.query(
      'mutation { createArticle(input: { markdown: "just words" }) { id } }',
      {},
      editor,
    );
    expect(noTitle.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(noTitle.errors![0]!.message).toMatch(/markdown: no title/);
    const badSlug = await context.api.query(
      'mutation { createArticle(input: { title: "T", slug: "Not A Slug" }) { id } }',
      {},
      editor,
    );
    expect(badSlug.errors![0]!.message).toMatch(
      /slug: slug must be lower-case letters, digits and hyphens/,
    );
  });

  it('adds, moves and removes sections, keeping positions dense and anchors unique', async () => {
    const article = await createFromMarkdown('# Steps\n\n## One\n\na\n\n## Two\n\nb');
    const add = await as(
      `mutation ($id: ID!) { addSection(articleId: $id, input: { heading: "One", markdown: "first again", position: 0 }) { ${ARTICLE_FIELDS} } }`,
      { id: article.id },
    );
    expect(add.addSection.sections.map((s: any) => [s.position, s.anchor])).toEqual([
      [0, 'one-1'],
      [1, 'one'],
      [2, 'two'],
    ]);
    const last = add.addSection.sections[2].id;
    const moved = await as(
      `mutation ($id: ID!) { moveSection(id: $id, position: 0) { ${ARTICLE_FIELDS} } }`,
      { id: last },
    );
    expect(moved.moveSection.sections.map((s: any) => s.anchor)).toEqual(['two', 'one-1', 'one']);
    const removed = await as(
      `mutation ($id: ID!) { removeSection(id: $id) { ${ARTICLE_FIELDS} } }`,
      {
        id: moved.moveSection.sections[1].id,
      },
    );
    expect(removed.removeSection.sections.map((s: any) => [s.position, s.anchor])).toEqual([
      [0, 'two'],
      [1, 'one'],
    ]);
    const outOfRange = await context.api.query(
      'mutation ($id: ID!) { moveSection(id: $id, position: 9) { id } }',
      { id: last },
      editor,
    );
    expect(outOfRange.errors![0]!.message).toBe('"position" must be between 0 and 1.');
  });

  it('updates a section and the article, re-indexing them for search', async () => {
    const article = await createFromMarkdown('# Kites\n\n## Flying\n\nWind matters.');
    await as(
      `mutation ($id: ID!) { updateSection(id: $id, input: { heading: "Launching", markdown: "Run into the breeze." }) { id } }`,
      {
        id: article.sections[0].id,
      },
    );
    const updated = await as(
      `mutation ($id: ID!) { updateArticle(id: $id, input: { title: "Kites and breezes", tags: ["Sky"] }) { title tags sections { anchor text } } }`,
      {
        id: article.id,
      },
    );
    expect(updated.updateArticle).toEqual({
      title: 'Kites and breezes',
      tags: ['sky'],
      sections: [{ anchor: 'launching', text: 'Launching\nRun into the breeze.' }],
    });
    await as('mutation ($id: ID!) { publishArticle(id: $id) { status } }', { id: article.id });
    const search = await context.api.query(
      '{ search(query: "breeze") { totalCount edges { node { anchor } } } }',
    );
    expect(search.data!.search).toEqual({
      totalCount: 1,
      edges: [{ node: { anchor: 'launching' } }],
    });
  });

  it('publishes, unpublishes and archives', async () => {
    const article = await createFromMarkdown('# Lamps\n\n## On\n\nLight.');
    const published = await as(
      'mutation ($id: ID!) { publishArticle(id: $id) { status publishedAt } }',
      { id: article.id },
    );
    expect(published.publishArticle.status).toBe('PUBLISHED');
    expect(await publicView('lamps')).toEqual({ title: 'Lamps' });
    await as('mutation ($id: ID!) { unpublishArticle(id: $id) { status } }', { id: article.id });
    expect(await publicView('lamps')).toBeNull();
    await as('mutation ($id: ID!) { publishArticle(id: $id) { status } }', { id: article.id });
    await as('mutation ($id: ID!) { archiveArticle(id: $id) { status } }', { id: article.id });
    expect(await publicView('lamps')).toBeNull();
  });

  it('shows a scheduled article when its time comes, with no restart or job', async () => {
    const article = await createFromMarkdown('# Eclipse\n\n## When\n\nSoon.');
    // Several seconds ahead, so the first read comes before it even on a loaded machine; after
    // it, the test waits for the article to show, bounded, instead of sleeping a fixed time.
    const at = Date.now() + 5_000;
    const scheduled = await as(
      'mutation ($id: ID!, $at: DateTime) { publishArticle(id: $id, input: { at: $at }) { status } }',
      { id: article.id, at: new Date(at).toISOString() },
    );
    expect(scheduled.publishArticle.status).toBe('SCHEDULED');
    expect(await publicView('eclipse')).toBeNull();
    let view = await publicView('eclipse');
    for (const giveUpAt = at + 30_000; view === null && Date.now() < giveUpAt;) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      view = await publicView('eclipse');
    }
    expect(Date.now()).toBeGreaterThanOrEqual(at);
    expect(view).toEqual({ title: 'Eclipse' });
    const status = await as('{ article(slug: "eclipse", preview: true) { status } }');
    expect(status.article.status).toBe('PUBLISHED');
  });

  it('keeps a revision per save that can be listed, read and restored', async () => {
    const article = await createFromMarkdown('# Bread\n\n## Flour\n\nStrong white.');
    await as(
      'mutation ($id: ID!) { updateArticle(id: $id, input: { title: "Better bread" }) { id } }',
      { id: article.id },
    );
    await as(
      'mutation ($id: ID!) { updateSection(id: $id, input: { markdown: "Wholemeal." }) { id } }',
      {
        id: article.sections[0].id,
      },
    );
    const { articleRevisions } = await as(
      'query ($id: ID!) { articleRevisions(articleId: $id) { id number reason title } }',
      {
        id: article.id,
      },
    );
    expect(articleRevisions.map((r: any) => [r.number, r.reason, r.title])).toEqual([
      [3, 'section.update', 'Better bread'],
      [2, 'update', 'Better bread'],
      [1, 'create', 'Bread'],
    ]);
    const first = articleRevisions[2].id;
    const one = await as(
      'query ($id: ID!) { articleRevision(id: $id) { sections { anchor blocks { ... on Paragraph { inlines { text } } } } } }',
      { id: first },
    );
    expect(one.articleRevision.sections).toEqual([
      { anchor: 'flour', blocks: [{ inlines: [{ text: 'Strong white.' }] }] },
    ]);

    const restored = await as(
      'mutation ($id: ID!) { restoreRevision(id: $id) { title sections { text } } }',
      { id: first },
    );
    expect(restored.restoreRevision).toEqual({
      title: 'Bread',
      sections: [{ text: 'Flour\nStrong white.' }],
    });
    const after = await as(
      'query ($id: ID!) { articleRevisions(articleId: $id) { number reason } }',
      { id: article.id },
    );
    expect(after.articleRevisions[0]).toEqual({ number: 4, reason: 'restore' });
  });

  it('writes every editorial action to the audit log with who did it', async () => {
    const article = await createFromMarkdown('# Audit\n\n## A\n\nb');
    await as('mutation ($id: ID!) { publishArticle(id: $id) { id } }', { id: article.id });
    const admin = await bearerFor(context.db.dataSource, Role.ADMIN, 'boss');
    const { auditEvents } = await as(
      '{ auditEvents { totalCount edges { node { actorName action targetType targetId } } } }',
      {},
      admin,
    );
    expect(auditEvents.edges.map((e: any) => e.node)).toEqual([
      { actorName: 'ed', action: 'article.publish', targetType: 'article', targetId: article.id },
      { actorName: 'ed', action: 'article.create', targetType: 'article', targetId: article.id },
    ]);
    const denied = await context.api.query('{ auditEvents { totalCount } }', {}, editor);
    expect(denied.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('refuses extra input fields such as status or id: no mass assignment', async () => {
    const { errors } = await context.api.query(
      'mutation { createArticle(input: { title: "Sneaky", status: PUBLISHED, id: "x" }) { id } }',
      {},
      editor,
    );
    expect(errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(
      (await context.db.dataSource.query('SELECT count(*)::int AS n FROM articles'))[0].n,
    ).toBe(0);
  });

  it('answers NOT_FOUND for unknown or malformed ids', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const { errors } = await context.api.query(
        'mutation ($id: ID!) { publishArticle(id: $id) { id } }',
        { id },
        editor,
      );
      expect(errors![0]!.extensions!.code).toBe('NOT_FOUND');
    }
  });
});
