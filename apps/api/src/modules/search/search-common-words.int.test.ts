import { paragraph } from '@folio/content';
import { buildSections, createArticle } from '../../../test/factories.js';
import { useApiTestContext } from '../../../test/api-test-context.js';

// Words on most sections, once ANALYZE has counted them: their body matches come from the
// newest articles' sections instead of the body index (search.service.ts, BODY_WORDS_ARE_COMMON).
// Enough sections for that path to win (8 per page): the index is the path for small corpora.
const SEARCH = /* GraphQL */ `
  query Search($query: String!, $first: Int) {
    search(query: $query, first: $first) {
      totalCount
      edges {
        node {
          anchor
          article {
            slug
          }
        }
      }
    }
  }
`;

const context = useApiTestContext();
const PAGES = 70;

beforeAll(async () => {
  await context.db.reset();
  // The oldest pages: a title with the common word, a rare word in a body.
  await createArticle(context.db.dataSource, {
    slug: 'harbour-guide',
    title: 'Harbour guide',
    summary: undefined,
    tags: [],
    sections: [{ heading: 'Arriving', blocks: [paragraph('Boats come in at dawn.')] }],
  });
  await createArticle(context.db.dataSource, {
    slug: 'quince-jelly',
    title: 'Autumn preserves',
    summary: undefined,
    tags: [],
    sections: [
      { heading: 'Jelly', blocks: [paragraph('Simmer the quince slowly by the harbour.')] },
    ],
  });
  // Then pages (each newer than the last) whose every section mentions the harbour once.
  for (let i = 0; i < PAGES; i++)
    await createArticle(context.db.dataSource, {
      slug: `log-${i}`,
      title: `Log ${i}`,
      summary: undefined,
      tags: [],
      sections: buildSections(8, (p) => [
        paragraph(`Walked past the harbour at ${p} o'clock, entry ${i}.`),
      ]),
    });
  // The newest of all is a draft: never a result, whichever path finds its words.
  await createArticle(
    context.db.dataSource,
    {
      slug: 'draft-log',
      title: 'Draft log',
      summary: undefined,
      tags: [],
      sections: buildSections(8, () => [paragraph('The harbour again.')]),
    },
    { publish: false },
  );
  await context.db.dataSource.query('ANALYZE sections');
}, 120_000);

async function search(query: string, first = 5) {
  const { data, errors } = await context.api.query(SEARCH, { query, first });
  expect(errors).toBeUndefined();
  return {
    slugs: data!.search.edges.map((edge: any) => edge.node.article.slug as string),
    anchors: data!.search.edges.map((edge: any) => edge.node.anchor as string),
    totalCount: data!.search.totalCount as number,
  };
}

describe('search for a word on most sections', () => {
  it('ranks equally good body matches newest first, in one statement', async () => {
    context.db.statements.reset();
    const { slugs } = await search('harbour', 6);
    // The index's first matches would be the oldest pages; the newest listed ones come first.
    expect(slugs.slice(1)).toEqual(['log-69', 'log-68', 'log-67', 'log-66', 'log-65']);
    expect(context.db.statements.count).toBe(2); // the page, and totalCount (asked for)
  });

  it('still ranks the old page titled with the word first', async () => {
    expect((await search('harbour')).slugs[0]).toBe('harbour-guide');
  });

  it('still finds an old page by a rare word beside the common one', async () => {
    expect((await search('harbour quince')).slugs).toEqual(['quince-jelly']);
  });

  it('counts every listed match, not only the candidates', async () => {
    // every log page, the guide and the quince page; not the draft
    expect((await search('harbour')).totalCount).toBe(PAGES + 2);
  });

  it('matches a phrase of common words only where the words stand together', async () => {
    // Phrases keep to the index (their words' shares say nothing of the phrase's).
    const { slugs, anchors } = await search('"past the harbour"', 3);
    expect(slugs).toHaveLength(3);
    expect(slugs.every((slug: string) => slug.startsWith('log-'))).toBe(true);
    expect(anchors.every((anchor: string) => anchor.startsWith('section-'))).toBe(true);
    expect((await search('"harbour past"')).slugs).toEqual([]);
  });
});
