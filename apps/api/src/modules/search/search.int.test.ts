import { paragraph } from '@folio/content';
import { createArticle } from '../../../test/factories.js';
import { useApiTestContext } from '../../../test/api-test-context.js';

const SEARCH = /* GraphQL */ `
  query Search($query: String!, $first: Int, $after: String) {
    search(query: $query, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          rank
          anchor
          sectionHeading
          snippet {
            text
            highlighted
          }
          article {
            slug
          }
        }
      }
    }
  }
`;

const context = useApiTestContext();
beforeEach(() => context.db.reset());

const slugs = (data: any): string[] => data.search.edges.map((edge: any) => edge.node.article.slug);

describe('search(query)', () => {
  it('answers a page in one SQL statement, and counts all matches only when asked', async () => {
    for (let i = 0; i < 5; i++)
      await createArticle(context.db.dataSource, {
        title: `Lighthouse keeper ${i}`,
        tags: ['sea'],
      });
    context.db.statements.reset();
    const page = await context.api.query(
      '{ search(query: "lighthouse", first: 3) { edges { node { rank snippet { text } article { slug title tags } } } } }',
    );
    expect(page.data!.search.edges).toHaveLength(3);
    expect(page.data!.search.edges[0].node.article.tags).toEqual(['sea']);
    expect(context.db.statements.count).toBe(1);

    context.db.statements.reset();
    const counted = await context.api.query(
      '{ search(query: "lighthouse", first: 3) { totalCount } }',
    );
    expect(counted.data!.search.totalCount).toBe(5);
    expect(context.db.statements.count).toBe(2);
  });

  it('ranks a title match above a heading match above a body match', async () => {
    await createArticle(context.db.dataSource, {
      title: 'In the body',
      summary: undefined,
      sections: [
        {
          heading: 'Plain',
          blocks: [paragraph('Somewhere here the word lighthouse appears once.')],
        },
      ],
    });
    await createArticle(context.db.dataSource, {
      title: 'In a heading',
      summary: undefined,
      sections: [{ heading: 'The lighthouse keeper', blocks: [paragraph('Nothing else.')] }],
    });
    await createArticle(context.db.dataSource, {
      title: 'Lighthouse',
      summary: undefined,
      sections: [{ heading: 'Plain', blocks: [paragraph('Nothing else.')] }],
    });

    const { data, errors } = await context.api.query(SEARCH, { query: 'lighthouse' });

    expect(errors).toBeUndefined();
    expect(slugs(data)).toEqual(['lighthouse', 'in-a-heading', 'in-the-body']);
    expect(data!.search.totalCount).toBe(3);
  });

  it('points at the best-matching section with a highlighted snippet', async () => {
    await createArticle(context.db.dataSource, {
      title: 'Harbour guide',
      sections: [
        { heading: 'Arriving', blocks: [paragraph('Boats arrive at dawn and leave at dusk.')] },
        {
          heading: 'Tides',
          blocks: [paragraph('The tide table tells you when the tide turns at the harbour wall.')],
        },
      ],
    });

    const { data } = await context.api.query(SEARCH, { query: 'tide' });

    const node = data!.search.edges[0].node;
    expect(node).toMatchObject({ anchor: 'tides', sectionHeading: 'Tides' });
    expect(
      node.snippet.filter((f: any) => f.highlighted).map((f: any) => f.text.toLowerCase()),
    ).toEqual(expect.arrayContaining(['tide']));
    expect(node.snippet.map((f: any) => f.text).join('')).toContain('tells you when the');
  });

  it('pages through results with cursors', async () => {
    for (let i = 0; i < 5; i++) {
      await createArticle(context.db.dataSource, {
        title: `Orchard ${i}`,
        sections: [{ heading: 'Apples', blocks: [paragraph('Apples in autumn.')] }],
      });
    }
    const first = await context.api.query(SEARCH, { query: 'apples', first: 2 });
    const second = await context.api.query(SEARCH, {
      query: 'apples',
      first: 2,
      after: first.data!.search.pageInfo.endCursor,
    });
    const third = await context.api.query(SEARCH, {
      query: 'apples',
      first: 2,
      after: second.data!.search.pageInfo.endCursor,
    });

    const all = [...slugs(first.data), ...slugs(second.data), ...slugs(third.data)];
    expect(new Set(all).size).toBe(5);
    expect(third.data!.search.pageInfo.hasNextPage).toBe(false);
  });

  it('does not find drafts', async () => {
    await createArticle(context.db.dataSource, { title: 'Secret lighthouse' }, { publish: false });
    const { data } = await context.api.query(SEARCH, { query: 'lighthouse' });
    expect(data!.search.totalCount).toBe(0);
  });

  it.each([
    '"unclosed quote',
    '&|!():*',
    "'; DROP TABLE articles; --",
    'apple & | ! ( ) : * <-> banana',
    'tab\tand\nnewline',
    '    ',
  ])('treats %j as plain words, never a server error', async (query) => {
    await createArticle(context.db.dataSource, { title: 'Apple and banana' });
    const { status, errors, data } = await context.api.query(SEARCH, { query });
    expect(status).toBe(200);
    expect(errors).toBeUndefined();
    expect(Array.isArray(data!.search.edges)).toBe(true);
    // The articles table is still there.
    expect((await context.api.query(SEARCH, { query: 'banana' })).data!.search.totalCount).toBe(1);
  });

  it.each(['nul\u0000byte', 'escape\u001b[0m', 'lone \ud800 surrogate'])(
    'refuses %j with BAD_USER_INPUT before searching',
    async (query) => {
      context.db.statements.reset();
      const { status, errors, data } = await context.api.query(SEARCH, { query });
      expect(status).toBe(400);
      expect(data ?? null).toBeNull();
      expect(errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      expect(errors![0]!.message).toMatch(/"query" must not contain/);
      expect(context.db.statements.count).toBe(0);
    },
  );

  it('refuses a 10,000-character query clearly', async () => {
    const { data, errors } = await context.api.query(SEARCH, { query: 'word '.repeat(2000) });
    expect(data ?? null).toBeNull();
    expect(errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(errors![0]!.message).toMatch(/at most 200 characters; got 10000/);
  });
});
