import { getNamedType, isLeafType, isNonNullType, isObjectType, type GraphQLField } from 'graphql';
import { createArticle } from '../../../test/factories.js';
import { useApiTestContext } from '../../../test/api-test-context.js';
import { bearerFor, Role } from '../../../test/tokens.js';
import { buildFolioSchema } from '../../app-modules.js';

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

/** Every field of Article in the schema, each asked for alone (with a leaf under objects). */
async function everyArticleField(): Promise<Array<{ name: string; selection: string }>> {
  const { schema } = await buildFolioSchema(null);
  const article = schema.getType('Article');
  if (!isObjectType(article)) throw new Error('Article is not an object type');
  return Object.values(article.getFields()).map((field: GraphQLField<unknown, unknown>) => {
    const type = getNamedType(field.type);
    if (field.args.some((arg) => isNonNullType(arg.type)))
      throw new Error(`Article.${field.name} has a required argument: teach this test about it`);
    if (isLeafType(type)) return { name: field.name, selection: field.name };
    if (!isObjectType(type)) throw new Error(`Article.${field.name}: ${type.name} is abstract`);
    const leaf = Object.values(type.getFields()).find((f) => isLeafType(getNamedType(f.type)));
    return { name: field.name, selection: `${field.name} { ${leaf!.name} }` };
  });
}

const isEmpty = (value: unknown) =>
  value === null || value === 0 || (Array.isArray(value) && value.length === 0);

// Walks the schema rather than a list, so a field added to Article later is covered too: it
// must be withheld (or staff-only) on a removed page unless it is one of the four below.
describe('every field of a removed article', () => {
  const SHOWN_TO_EVERYONE = ['id', 'slug', 'title', 'moderationState'];

  it("is withheld, refused or one of the notice's four for anonymous callers", async () => {
    const fields = await everyArticleField();
    expect(fields.length).toBeGreaterThan(15);
    const outcomes: Record<string, string> = {};
    for (const { name, selection } of fields) {
      const { data, errors } = await context.api.query(
        `query ($slug: String!) { article(slug: $slug) { ${selection} } }`,
        { slug: 'gone-tomorrow' },
      );
      const code = errors?.[0]?.extensions?.code as string | undefined;
      const value = data?.article?.[name];
      outcomes[name] = code
        ? `refused ${code}`
        : SHOWN_TO_EVERYONE.includes(name)
          ? isEmpty(value)
            ? 'missing'
            : 'shown'
          : isEmpty(value)
            ? 'withheld'
            : `LEAKED ${JSON.stringify(value)}`;
    }
    for (const [name, outcome] of Object.entries(outcomes)) {
      if (SHOWN_TO_EVERYONE.includes(name)) expect([name, outcome]).toEqual([name, 'shown']);
      else
        expect([name, outcome]).toEqual([
          name,
          expect.stringMatching(/^(withheld|refused (UNAUTHENTICATED|FORBIDDEN))$/),
        ]);
    }
    // The staff-only ones are refused, not merely empty.
    expect(outcomes.status).toBe('refused UNAUTHENTICATED');
  });

  it('is all there for staff', async () => {
    const moderator = await bearerFor(context.db.dataSource, Role.MODERATOR);
    const empty: string[] = [];
    for (const { name, selection } of await everyArticleField()) {
      const { data, errors } = await context.api.query(
        `query ($slug: String!) { article(slug: $slug) { ${selection} } }`,
        { slug: 'gone-tomorrow' },
        moderator,
      );
      expect([name, errors]).toEqual([name, undefined]);
      if (isEmpty(data!.article[name])) empty.push(name);
    }
    expect(empty).toEqual([]);
  });
});
