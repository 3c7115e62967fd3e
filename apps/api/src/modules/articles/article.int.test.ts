import { paragraph } from '@folio/content';
import { buildSections, createArticle } from '../../../test/factories.js';
import { type GraphQLResponse } from '../../../test/test-api.js';
import { useApiTestContext } from '../../../test/api-test-context.js';

const ARTICLE = /* GraphQL */ `
  query Article($slug: String!) {
    article(slug: $slug) {
      slug
      title
      summary
      label
      author
      tags
      publishedAt
      wordCount
      readingTimeMinutes
      moderationState
      toc {
        anchor
        heading
        position
      }
      sections {
        position
        heading
        anchor
        text
        blocks {
          __typename
          ... on Paragraph {
            inlines {
              text
              marks
              href
            }
          }
          ... on List {
            ordered
            items {
              text
            }
          }
          ... on Quote {
            paragraphs {
              text
            }
            attribution
          }
          ... on Code {
            language
            code
          }
          ... on Image {
            src
            alt
          }
        }
      }
    }
  }
`;

const context = useApiTestContext();
beforeEach(() => context.db.reset());

describe('article(slug)', () => {
  it('returns the article with its sections in order, typed blocks and a table of contents', async () => {
    await createArticle(context.db.dataSource, {
      title: 'Night buses',
      tags: ['Transport', 'city'],
      sections: [
        { heading: null, blocks: [paragraph('Opening.')] },
        {
          heading: 'Routes',
          blocks: [
            {
              type: 'paragraph',
              inlines: [
                { text: 'See ', marks: [] },
                { text: 'the map', marks: ['strong'], href: 'https://example.org/map' },
              ],
            },
            {
              type: 'list',
              ordered: true,
              items: [[{ text: 'N1', marks: [] }], [{ text: 'N2', marks: [] }]],
            },
          ],
        },
        {
          heading: 'Voices',
          blocks: [
            {
              type: 'quote',
              paragraphs: [[{ text: 'It works.', marks: [] }]],
              attribution: 'A rider',
            },
            { type: 'code', language: 'sh', code: 'echo night' },
            { type: 'image', src: '/map.png', alt: 'The map' },
          ],
        },
      ],
    });

    const { data, errors } = await context.api.query(ARTICLE, { slug: 'night-buses' });

    expect(errors).toBeUndefined();
    const article = data!.article;
    expect(article).toMatchObject({
      slug: 'night-buses',
      title: 'Night buses',
      tags: ['city', 'transport'],
      moderationState: 'VISIBLE',
    });
    expect(article.sections.map((s: any) => [s.position, s.heading, s.anchor])).toEqual([
      [0, null, 'section-1'],
      [1, 'Routes', 'routes'],
      [2, 'Voices', 'voices'],
    ]);
    expect(article.toc).toEqual([
      { anchor: 'routes', heading: 'Routes', position: 1 },
      { anchor: 'voices', heading: 'Voices', position: 2 },
    ]);
    expect(article.sections[1].blocks).toEqual([
      {
        __typename: 'Paragraph',
        inlines: [
          { text: 'See ', marks: [], href: null },
          { text: 'the map', marks: ['STRONG'], href: 'https://example.org/map' },
        ],
      },
      { __typename: 'List', ordered: true, items: [[{ text: 'N1' }], [{ text: 'N2' }]] },
    ]);
    expect(article.sections[2].blocks.map((b: any) => b.__typename)).toEqual([
      'Quote',
      'Code',
      'Image',
    ]);
    expect(article.sections[1].text).toBe('Routes\nSee the map\nN1\nN2');
    expect(article.wordCount).toBeGreaterThan(10);
    expect(article.readingTimeMinutes).toBe(1);
  });

  it.each([3, 40])('costs one SQL statement for an article with %i sections', async (count) => {
    await createArticle(context.db.dataSource, {
      title: 'Counted',
      sections: buildSections(count),
      tags: ['a', 'b', 'c'],
    });
    context.db.statements.reset();

    const { data } = await context.api.query(ARTICLE, { slug: 'counted' });

    expect(data!.article.sections).toHaveLength(count);
    expect(context.db.statements.count).toBe(1);
  });

  it('answers null, not an error, for unknown or odd slugs', async () => {
    for (const slug of ['no-such-article', '../etc/passwd', 'a%00b', '']) {
      const { data, errors } = await context.api.query(ARTICLE, { slug });
      expect(errors).toBeUndefined();
      expect(data!.article).toBeNull();
    }
  });

  it('refuses NUL bytes, control characters and oversized slugs with BAD_USER_INPUT', async () => {
    for (const slug of ['\u0000', 'a\u001bb', 'x'.repeat(5000)]) {
      context.db.statements.reset();
      const { status, data, errors } = await context.api.query(ARTICLE, { slug });
      expect(status).toBe(400);
      expect(data ?? null).toBeNull();
      expect(errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      expect(errors![0]!.message).toMatch(/"slug" must (not contain|be at most 200)/);
      expect(context.db.statements.count).toBe(0);
    }
  });

  it('lists related articles by shared tags, most shared first, without itself or drafts', async () => {
    await createArticle(context.db.dataSource, { title: 'Main', tags: ['a', 'b'] });
    await createArticle(context.db.dataSource, { title: 'Shares two', tags: ['a', 'b'] });
    await createArticle(context.db.dataSource, { title: 'Shares one', tags: ['b'] });
    await createArticle(context.db.dataSource, { title: 'Shares none', tags: ['c'] });
    await createArticle(
      context.db.dataSource,
      { title: 'Draft sharing', tags: ['a', 'b'] },
      { publish: false },
    );

    const { data } = await context.api.query(
      '{ article(slug: "main") { related(first: 5) { slug } } }',
    );

    expect(data!.article.related).toEqual([{ slug: 'shares-two' }, { slug: 'shares-one' }]);

    // The reader's article page: the article and its default three related cards, tags and
    // all, in one statement.
    context.db.statements.reset();
    const page = await context.api.query(
      '{ article(slug: "main") { title sections { anchor } related { slug tags sectionCount } } }',
    );
    expect(page.data!.article.related).toEqual([
      { slug: 'shares-two', tags: ['a', 'b'], sectionCount: 3 },
      { slug: 'shares-one', tags: ['b'], sectionCount: 3 },
    ]);
    expect(context.db.statements.count).toBe(1);
    // Any other number: the article, then related's own statement.
    context.db.statements.reset();
    await context.api.query(
      '{ article(slug: "main") { title related(first: 5) { slug tags sectionCount } } }',
    );
    expect(context.db.statements.count).toBe(2);
  });

  it('finds the related articles of a whole page in one statement, each list its own', async () => {
    for (let i = 0; i < 12; i++)
      await createArticle(context.db.dataSource, {
        title: `Batch ${i}`,
        tags: [`pair-${Math.floor(i / 2)}`, 'common'],
      });
    context.db.statements.reset();
    const { data, errors } = await context.api.query(
      'query ($n: Int, $m: Int) { articles(first: $n) { edges { node { slug related(first: $m) { slug } } } } }',
      { n: 12, m: 2 },
    );
    expect(errors).toBeUndefined();
    // The page, then every article's related list at once: not one statement per article.
    expect(context.db.statements.count).toBe(2);
    const bySlug = new Map<string, string[]>(
      data!.articles.edges.map((edge: any) => [
        edge.node.slug,
        edge.node.related.map((related: any) => related.slug),
      ]),
    );
    expect(bySlug.size).toBe(12);
    // Batch 3 shares two tags with Batch 2 only; then the newest sharing one.
    expect(bySlug.get('batch-3')).toEqual(['batch-2', 'batch-11']);
    expect(bySlug.get('batch-11')).toEqual(['batch-10', 'batch-9']);
  });

  it('refuses related inside related, however it is spelled', async () => {
    for (const query of [
      '{ article(slug: "x") { related { related { slug } } } }',
      '{ article(slug: "x") { related { ...R } } } fragment R on Article { related { slug } }',
    ]) {
      context.db.statements.reset();
      const { status, errors } = await context.api.query(query);
      expect(status).toBe(400);
      expect(errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(errors![0]!.message).toMatch(/"related" cannot be asked for inside "related"/);
      expect(context.db.statements.count).toBe(0);
    }
  });

  it('hides drafts and articles scheduled for later from anonymous readers', async () => {
    await createArticle(context.db.dataSource, { title: 'Draft piece' }, { publish: false });
    await createArticle(context.db.dataSource, {
      title: 'Future piece',
      publishedAt: new Date(Date.now() + 86_400_000),
    });

    expect((await context.api.query(ARTICLE, { slug: 'draft-piece' })).data!.article).toBeNull();
    expect((await context.api.query(ARTICLE, { slug: 'future-piece' })).data!.article).toBeNull();
  });
});

const ARTICLES = /* GraphQL */ `
  query Articles($first: Int, $after: String, $tag: String) {
    articles(first: $first, after: $after, tag: $tag) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          slug
          title
          tags
          sections {
            heading
            anchor
          }
        }
      }
    }
  }
`;

describe('articles(first, after, tag)', () => {
  it('pages through every published article newest first with stable cursors', async () => {
    for (let day = 1; day <= 7; day++) {
      await createArticle(context.db.dataSource, {
        title: `Day ${day}`,
        publishedAt: new Date(Date.UTC(2026, 1, day)),
      });
    }
    await createArticle(context.db.dataSource, { title: 'Unpublished' }, { publish: false });

    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { data, errors }: GraphQLResponse<any> = await context.api.query(ARTICLES, {
        first: 3,
        after,
      });
      expect(errors).toBeUndefined();
      expect(data!.articles.totalCount).toBe(7);
      seen.push(...data!.articles.edges.map((edge: any) => edge.node.slug));
      // Edge cursors (encoded only when selected) are the ones pageInfo hands out.
      expect(data!.articles.pageInfo.endCursor).toBe(data!.articles.edges.at(-1).cursor);
      if (!data!.articles.pageInfo.hasNextPage) break;
      after = data!.articles.pageInfo.endCursor;
    }
    expect(seen).toEqual(['day-7', 'day-6', 'day-5', 'day-4', 'day-3', 'day-2', 'day-1']);
  });

  it('defaults to 20 per page', async () => {
    for (let i = 0; i < 22; i++) await createArticle(context.db.dataSource);
    const { data } = await context.api.query(ARTICLES, {});
    expect(data!.articles.edges).toHaveLength(20);
    expect(data!.articles.pageInfo.hasNextPage).toBe(true);
  });

  it('filters by tag, case-insensitively', async () => {
    await createArticle(context.db.dataSource, { title: 'Rivers', tags: ['nature'] });
    await createArticle(context.db.dataSource, { title: 'Roads', tags: ['transport'] });
    const { data } = await context.api.query(ARTICLES, { tag: 'Nature' });
    expect(data!.articles.totalCount).toBe(1);
    expect(data!.articles.edges[0].node).toMatchObject({ slug: 'rivers', tags: ['nature'] });
  });

  it.each([5, 20])(
    'costs a fixed number of SQL statements for a page of %i with sections and tags',
    async (count) => {
      for (let i = 0; i < count; i++)
        await createArticle(context.db.dataSource, {
          tags: ['x', `t${i}`],
          sections: buildSections(4),
        });
      context.db.statements.reset();

      const { data } = await context.api.query(ARTICLES, { first: 20 });

      expect(data!.articles.edges).toHaveLength(count);
      expect(data!.articles.edges.every((edge: any) => edge.node.sections.length === 4)).toBe(true);
      // page (with its tags), total count, sections of the page
      expect(context.db.statements.count).toBe(3);

      // Without the sections or the total, a page is one statement: tags and section counts
      // come with it, and nothing is counted that nobody asked for.
      context.db.statements.reset();
      const light = await context.api.query(
        '{ articles(first: 20) { edges { node { slug tags sectionCount } } } }',
      );
      expect(
        light.data!.articles.edges.every(
          (edge: any) => edge.node.sectionCount === 4 && edge.node.tags.length === 2,
        ),
      ).toBe(true);
      expect(context.db.statements.count).toBe(1);

      context.db.statements.reset();
      const counted = await context.api.query('{ articles(first: 20) { totalCount } }');
      expect(counted.data!.articles.totalCount).toBe(count);
      expect(context.db.statements.count).toBe(2);
    },
  );

  it.each([
    [{ first: 101 }, /"first" must be between 0 and 100; got 101/],
    [{ first: -1 }, /"first" must be between 0 and 100; got -1/],
    [{ after: 'not-a-cursor!' }, /"after" is not a cursor from this list/],
    [
      { after: Buffer.from('["search",3]').toString('base64url') },
      /"after" is not a cursor from this list/,
    ],
    [
      { after: Buffer.from('["articles","yesterday","x"]').toString('base64url') },
      /"after" is not a cursor/,
    ],
    // Crafted cursors that used to reach PostgreSQL and come back as INTERNAL_SERVER_ERROR.
    [
      {
        after: Buffer.from('["articles","1","8c1f4a56-0d0e-4e3c-9d0a-0123456789ab"]').toString(
          'base64url',
        ),
      },
      /"after" is not a cursor/,
    ],
    [
      {
        after: Buffer.from(
          '["articles","2026-01-01T00:00:00.000Z","8c1f4a56-0d0e-4e3c-9d0a-0123456789ab","x"]',
        ).toString('base64url'),
      },
      /"after" is not a cursor/,
    ],
    [
      {
        after: Buffer.from(
          '["articles","2026-02-31T00:00:00.000Z","8c1f4a56-0d0e-4e3c-9d0a-0123456789ab"]',
        ).toString('base64url'),
      },
      /"after" is not a cursor/,
    ],
    [
      {
        after: Buffer.from(
          '["articles","+275760-09-13T00:00:00.000Z","8c1f4a56-0d0e-4e3c-9d0a-0123456789ab"]',
        ).toString('base64url'),
      },
      /"after" is not a cursor/,
    ],
    [{ after: Buffer.from('["articles"]').toString('base64url') }, /"after" is not a cursor/],
    [{ tag: 'nul\u0000tag' }, /"tag" must not contain NUL or other control characters/],
    [{ tag: 'bell\u0007' }, /"tag" must not contain NUL or other control characters/],
    [{ tag: 'x'.repeat(65) }, /"tag" must be at most 64 characters/],
  ])('refuses %j with BAD_USER_INPUT and says what is allowed', async (variables, message) => {
    context.db.statements.reset();
    const { data, errors } = await context.api.query(ARTICLES, variables);
    expect(data ?? null).toBeNull();
    expect(context.db.statements.count).toBe(0);
    expect(errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(errors![0]!.message).toMatch(message);
  });
});
