import { paragraph } from '@folio/content';
import { createArticle } from '../../../test/factories.js';
import { useApiTestContext } from '../../../test/api-test-context.js';
import { CANDIDATES_PER_SOURCE } from './search.service.js';

// Ranking quality with a bounded candidate set: a small corpus where each query has one answer
// a reader would call best, buried among more body-only matches than any source contributes.
const SEARCH = /* GraphQL */ `
  query Search($query: String!) {
    search(query: $query, first: 5) {
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
const FILLER = CANDIDATES_PER_SOURCE + 20;

beforeAll(async () => {
  await context.db.reset();
  // Every filler page mentions the harbour, the tide and the wind in passing.
  for (let i = 0; i < FILLER; i++)
    await createArticle(context.db.dataSource, {
      slug: `filler-${i}`,
      title: `Notes from week ${i}`,
      summary: undefined,
      tags: [],
      sections: [
        {
          heading: `Day ${i}`,
          blocks: [
            paragraph(
              `We walked past the harbour, checked the tide and the wind from the north, then went home. Entry ${i}.`,
            ),
          ],
        },
      ],
    });
  const answers = [
    {
      slug: 'harbour-guide',
      title: 'Harbour guide',
      sections: [{ heading: 'Arriving', blocks: [paragraph('Boats come in at dawn.')] }],
    },
    {
      slug: 'tide-tables',
      title: 'Planning a sailing weekend',
      sections: [
        { heading: 'Crew', blocks: [paragraph('Bring three people.')] },
        { heading: 'Reading tide tables', blocks: [paragraph('High water comes twice a day.')] },
      ],
    },
    {
      slug: 'quince-jelly',
      title: 'Autumn preserves',
      sections: [{ heading: 'Jelly', blocks: [paragraph('Simmer the quince slowly.')] }],
    },
    {
      slug: 'north-wind',
      title: 'Weather lore',
      sections: [
        {
          heading: 'Sayings',
          blocks: [paragraph('When the north wind blows, the fishing boats stay in.')],
        },
      ],
    },
    {
      slug: 'apple-and-pear',
      title: 'An orchard year',
      sections: [
        { heading: 'Spring', blocks: [paragraph('The apple trees blossom first.')] },
        { heading: 'Autumn', blocks: [paragraph('Then the pear harvest.')] },
      ],
    },
  ];
  for (const answer of answers)
    await createArticle(context.db.dataSource, { ...answer, summary: undefined, tags: [] });
}, 120_000);

async function top(query: string) {
  const { data, errors } = await context.api.query(SEARCH, { query });
  expect(errors).toBeUndefined();
  return data!.search.edges.map((edge: any) => ({
    slug: edge.node.article.slug,
    anchor: edge.node.anchor,
  }));
}

describe('search ranking on a corpus with known best answers', () => {
  it('ranks the page titled with a common word first, however many bodies mention it', async () => {
    expect((await top('harbour'))[0]!.slug).toBe('harbour-guide');
  });

  it('ranks a heading match first and points at that section', async () => {
    expect((await top('tide'))[0]).toEqual({ slug: 'tide-tables', anchor: 'reading-tide-tables' });
  });

  it('finds a rare word in a body', async () => {
    expect(await top('quince')).toEqual([{ slug: 'quince-jelly', anchor: 'jelly' }]);
  });

  it('ranks an exact phrase, and only pages that have it', async () => {
    // Every filler page has "wind from the north": both words, never the phrase.
    expect(await top('"north wind"')).toEqual([{ slug: 'north-wind', anchor: 'sayings' }]);
  });

  it('finds words that only appear together across two sections', async () => {
    expect((await top('apple pear')).map((hit: { slug: string }) => hit.slug)).toEqual([
      'apple-and-pear',
    ]);
  });

  it('still fills the page with body matches for a common word', async () => {
    // 121 pages mention the wind once in a body: equally good, so any five of them will do.
    const hits = await top('wind');
    expect(hits).toHaveLength(5);
    expect(new Set(hits.map((hit: { slug: string }) => hit.slug)).size).toBe(5);
  });
});
