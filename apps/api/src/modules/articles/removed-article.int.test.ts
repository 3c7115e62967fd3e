import { createArticle } from '../../../test/factories.js';
import { useApiTestContext } from '../../../test/api-test-context.js';
import { bearerFor, Role } from '../../../test/tokens.js';

// A page a moderator removed is served for the reader's 410 notice with its title and
// moderation state, and nothing else, to anyone without a staff token.

const context = useApiTestContext({ RESPONSE_CACHE_MB: '0' });
const EVERYTHING = `query ($slug: String!) {
  article(slug: $slug) {
    slug title moderationState summary label author tags wordCount readingTimeMinutes
    publishedAt createdAt updatedAt sectionCount toc { anchor } sections { heading text }
    related { slug }
  }
}`;

beforeAll(async () => {
  await createArticle(context.db.dataSource, {
    title: 'Gone Tomorrow',
    summary: 'A secret standfirst.',
    label: 'Opinion',
    author: 'Ann Author',
    tags: ['harbours', 'tides'],
  });
  await createArticle(context.db.dataSource, { title: 'Still Here', tags: ['harbours'] });
  await context.db.dataSource.query(
    `UPDATE articles SET moderation_state = 'removed' WHERE slug = 'gone-tomorrow'`,
  );
});

describe('a removed article', () => {
  it('shows anonymous callers its title and moderation state only', async () => {
    const { data, errors } = await context.api.query(EVERYTHING, { slug: 'gone-tomorrow' });
    expect(errors).toBeUndefined();
    expect(data!.article).toEqual({
      slug: 'gone-tomorrow',
      title: 'Gone Tomorrow',
      moderationState: 'REMOVED',
      summary: null,
      label: null,
      author: null,
      tags: [],
      wordCount: 0,
      readingTimeMinutes: 0,
      publishedAt: null,
      createdAt: null,
      updatedAt: null,
      sectionCount: 0,
      toc: [],
      sections: [],
      related: [],
    });
  });

  it('still shows staff everything', async () => {
    const moderator = await bearerFor(context.db.dataSource, Role.MODERATOR);
    const { data } = await context.api.query(EVERYTHING, { slug: 'gone-tomorrow' }, moderator);
    expect(data!.article).toMatchObject({
      summary: 'A secret standfirst.',
      label: 'Opinion',
      author: 'Ann Author',
      tags: ['harbours', 'tides'],
      related: [{ slug: 'still-here' }],
    });
    expect(data!.article.wordCount).toBeGreaterThan(0);
    expect(data!.article.publishedAt).not.toBeNull();
    expect(Date.parse(data!.article.createdAt)).not.toBeNaN();
    expect(Date.parse(data!.article.updatedAt)).not.toBeNaN();
    expect(data!.article.sections.length).toBeGreaterThan(0);
  });

  it('is not among the related articles of the pages it shared tags with', async () => {
    const { data } = await context.api.query(EVERYTHING, { slug: 'still-here' });
    expect(data!.article.related).toEqual([]);
  });
});
