import type { DataSource } from 'typeorm';
import { createArticle } from '../../../test/factories.js';
import { useApiTestContext } from '../../../test/api-test-context.js';
import { createAppDataSource } from '../../app-modules.js';
import { readQuery } from '../../db/read-query.js';
import { ArticleService } from './article.service.js';
import { RELATED_CANDIDATES_PER_TAG } from './related-articles.sql.js';

// `related`: the listed articles sharing the most tags with an article, newest first among
// equals, then by id; looked for among the newest RELATED_CANDIDATES_PER_TAG listed articles
// of each of its tags, which the triggers of migration 1764910000000 keep in article_tags.

const context = useApiTestContext({ RESPONSE_CACHE_MB: '0' });
const DAY = 24 * 60 * 60 * 1000;
const at = (day: number) => new Date(Date.UTC(2025, 0, 1) + day * DAY);

let service: ArticleService;
beforeAll(() => {
  service = new ArticleService(context.db.dataSource);
});
beforeEach(() => context.db.reset());

async function idOf(slug: string): Promise<string> {
  const [row] = await context.db.dataSource.query(`SELECT id FROM articles WHERE slug = $1`, [
    slug,
  ]);
  return row.id;
}

async function relatedSlugs(slug: string, first?: number): Promise<string[]> {
  const [related] = await service.relatedToMany([await idOf(slug)], first);
  return related!.map((article) => article.slug);
}

/** The default three as an article page gets them: read in the page's own statement. */
async function pageRelatedSlugs(slug: string): Promise<string[]> {
  context.db.statements.reset();
  const { data, errors } = await context.api.query<{ article: { related: { slug: string }[] } }>(
    'query ($slug: String!) { article(slug: $slug) { title related { slug } } }',
    { slug },
  );
  expect(errors).toBeUndefined();
  expect(context.db.statements.count).toBe(1);
  return data!.article.related.map((article) => article.slug);
}

/**
 * `count` published articles `<prefix>-1..count` with `tags`, one a day from `fromDay`, in one
 * statement each for articles and tag rows (the importer would take minutes for hundreds).
 */
async function insertMany(
  dataSource: DataSource,
  prefix: string,
  count: number,
  tags: string[],
  fromDay: number,
): Promise<void> {
  await dataSource.query(
    `INSERT INTO tags (name) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`,
    [tags],
  );
  await dataSource.query(
    `INSERT INTO articles (slug, title, status, published_at)
     SELECT $1 || '-' || g, $1 || ' ' || g, 'published', $3::timestamptz + g * interval '1 day'
       FROM generate_series(1, $2::int) g`,
    [prefix, count, at(fromDay - 1).toISOString()],
  );
  await dataSource.query(
    `INSERT INTO article_tags (article_id, tag_id)
     SELECT a.id, t.id FROM articles a, tags t
      WHERE a.slug LIKE $1 || '-%' AND t.name = ANY ($2::text[])`,
    [prefix, tags],
  );
}

/** `use` with a data source of one connection: pg_prepared_statements (per connection) then sees every execution. */
async function onOneConnection(
  use: (onOne: ArticleService, connection: DataSource) => Promise<void>,
) {
  const { url } = context.db.dataSource.options as { url: string };
  const connection = createAppDataSource({ url, poolMax: 1 });
  await connection.initialize();
  try {
    await use(new ArticleService(connection), connection);
  } finally {
    await connection.destroy();
  }
}

/** The prepared statements of this connection whose names start with `prefix`, and their plans. */
function plansOf(connection: DataSource, prefix: string) {
  return readQuery(
    connection,
    `SELECT name, generic_plans::int, custom_plans::int FROM pg_prepared_statements
      WHERE starts_with(name, $1)`,
    [prefix],
  );
}

describe('related articles', () => {
  it('ranks by shared tags, then newest, then id, without the article itself', async () => {
    await createArticle(context.db.dataSource, {
      title: 'Source',
      tags: ['a', 'b', 'c'],
      publishedAt: at(50),
    });
    await createArticle(context.db.dataSource, {
      title: 'Three old',
      tags: ['a', 'b', 'c'],
      publishedAt: at(1),
    });
    await createArticle(context.db.dataSource, {
      title: 'Two newer',
      tags: ['a', 'b'],
      publishedAt: at(40),
    });
    await createArticle(context.db.dataSource, {
      title: 'Two older',
      tags: ['b', 'c', 'z'],
      publishedAt: at(30),
    });
    await createArticle(context.db.dataSource, { title: 'One', tags: ['c'], publishedAt: at(45) });
    await createArticle(context.db.dataSource, {
      title: 'Tie x',
      tags: ['a'],
      publishedAt: at(20),
    });
    await createArticle(context.db.dataSource, {
      title: 'Tie y',
      tags: ['a'],
      publishedAt: at(20),
    });
    await createArticle(context.db.dataSource, { title: 'None', tags: ['z'], publishedAt: at(49) });

    const ties = (await Promise.all(['tie-x', 'tie-y'].map(idOf)))
      .map((id, i) => ({ id, slug: ['tie-x', 'tie-y'][i]! }))
      .sort((x, y) => (x.id < y.id ? -1 : 1))
      .map((tie) => tie.slug);
    expect(await relatedSlugs('source', 10)).toEqual([
      'three-old',
      'two-newer',
      'two-older',
      'one',
      ...ties,
    ]);
    expect(await relatedSlugs('source')).toEqual(['three-old', 'two-newer', 'two-older']);
    expect(await pageRelatedSlugs('source')).toEqual(['three-old', 'two-newer', 'two-older']);
  });

  it('leaves out drafts, archived, removed, under review and scheduled-for-later articles', async () => {
    await createArticle(context.db.dataSource, {
      title: 'Source',
      tags: ['t'],
      publishedAt: at(9),
    });
    // The ones left out are newer: any that slipped through would take the first places.
    for (const title of ['Listed', 'Due'])
      await createArticle(context.db.dataSource, { title, tags: ['t'], publishedAt: at(1) });
    for (const title of ['Draft', 'Archived', 'Removed', 'Review', 'Later'])
      await createArticle(context.db.dataSource, { title, tags: ['t'], publishedAt: at(5) });
    const set = (slug: string, assignment: string) =>
      context.db.dataSource.query(`UPDATE articles SET ${assignment} WHERE slug = $1`, [slug]);
    await set('draft', `status = 'draft'`);
    await set('archived', `status = 'archived'`);
    await set('removed', `moderation_state = 'removed'`);
    await set('review', `moderation_state = 'under_review'`);
    await set('later', `status = 'scheduled', published_at = now() + interval '1 day'`);
    // Scheduled, and its time has come: listed with no further write.
    await set('due', `status = 'scheduled', published_at = now() - interval '1 minute'`);

    expect((await relatedSlugs('source', 2)).sort()).toEqual(['due', 'listed']);

    // Each change of state is followed, whoever writes it.
    await set('removed', `moderation_state = 'visible'`);
    await set('draft', `status = 'published'`);
    await set('listed', `status = 'draft'`);
    expect((await relatedSlugs('source', 3)).sort()).toEqual(['draft', 'due', 'removed']);
    expect((await pageRelatedSlugs('source')).sort()).toEqual(['draft', 'due', 'removed']);
  });

  it('follows retagging', async () => {
    await createArticle(context.db.dataSource, { title: 'Source', tags: ['x'] });
    await createArticle(context.db.dataSource, { title: 'Other', tags: ['y'] });
    expect(await relatedSlugs('source')).toEqual([]);
    // The importer rewrites an article's tag rows as the editor does (article-writer.ts).
    await createArticle(context.db.dataSource, { title: 'Other', tags: ['x', 'y'] });
    expect(await relatedSlugs('source')).toEqual(['other']);
  });

  it("answers a batch of sources in one statement, each list its own and in the batch's order", async () => {
    await createArticle(context.db.dataSource, { title: 'Apple', tags: ['fruit', 'red'] });
    await createArticle(context.db.dataSource, { title: 'Cherry', tags: ['fruit', 'red'] });
    await createArticle(context.db.dataSource, { title: 'Banana', tags: ['fruit', 'yellow'] });
    await createArticle(context.db.dataSource, { title: 'Lemon', tags: ['yellow'] });
    await createArticle(context.db.dataSource, { title: 'Untagged', tags: [] });
    const ids = await Promise.all(['lemon', 'apple', 'untagged', 'banana'].map(idOf));
    const unknown = '00000000-0000-4000-8000-000000000000';

    context.db.statements.reset();
    const lists = await service.relatedToMany([...ids, unknown], 2);

    expect(context.db.statements.count).toBe(1);
    expect(lists.map((list) => list.map((article) => article.slug))).toEqual([
      ['banana'],
      ['cherry', 'banana'],
      [],
      ['lemon', 'cherry'],
      [],
    ]);
    // The cards' own tags and section counts come with them.
    expect(lists[1]![0]!.tagNames).toEqual(['fruit', 'red']);
    expect(lists[1]![0]!.sectionCount).toBe(3);
  });

  it('takes first from 0 to 10 (3 by default) and refuses anything else, running nothing', async () => {
    await createArticle(context.db.dataSource, { title: 'Source', tags: ['t'] });
    for (let i = 0; i < 11; i++) await createArticle(context.db.dataSource, { tags: ['t'] });
    const query =
      'query ($first: Int) { article(slug: "source") { related(first: $first) { slug } } }';
    const count = async (first?: number | null) => {
      const { data, errors } = await context.api.query(query, { first });
      expect(errors).toBeUndefined();
      return data!.article.related.length;
    };
    expect(await count()).toBe(3);
    expect(await count(null)).toBe(3);
    expect(await count(1)).toBe(1);
    expect(await count(10)).toBe(10);
    context.db.statements.reset();
    expect(await count(0)).toBe(0);
    expect(context.db.statements.count).toBe(1); // the article only
    for (const first of [-1, 11, 1000]) {
      const { errors } = await context.api.query(query, { first });
      expect(errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      expect(errors![0]!.message).toMatch(/"first" must be between 0 and 10/);
    }
  });

  describe(`with more than ${RELATED_CANDIDATES_PER_TAG} articles in a tag`, () => {
    const N = RELATED_CANDIDATES_PER_TAG;

    it('still counts every shared tag of a candidate found through a smaller tag', async () => {
      await insertMany(context.db.dataSource, 'source', 1, ['busy', 'rare'], 650);
      // Older than the newest N of `busy`: found through `rare`, and ranked by both tags.
      await insertMany(context.db.dataSource, 'old-both', 1, ['busy', 'rare'], 1);
      await insertMany(context.db.dataSource, 'busy', N + 5, ['busy'], 100);

      expect(await relatedSlugs('source-1', 3)).toEqual([
        'old-both-1',
        `busy-${N + 5}`,
        `busy-${N + 4}`,
      ]);
    });

    it('is exact while each tag holds at most that many, and leaves older ones out past it', async () => {
      await insertMany(context.db.dataSource, 'source', 1, ['left', 'right'], 650);
      await insertMany(context.db.dataSource, 'twin', 1, ['left', 'right'], 1);
      await insertMany(context.db.dataSource, 'left', N - 1, ['left'], 100);
      await insertMany(context.db.dataSource, 'right', N - 1, ['right'], 300);
      // Each tag holds N articles besides the source: the old twin sharing both ranks first.
      expect(await relatedSlugs('source-1', 2)).toEqual(['twin-1', `right-${N - 1}`]);

      // Past N in both of its tags, the twin is older than every article considered.
      await insertMany(context.db.dataSource, 'more-left', 2, ['left'], 500);
      await insertMany(context.db.dataSource, 'more-right', 2, ['right'], 600);
      expect(await relatedSlugs('source-1', 3)).toEqual([
        'more-right-2',
        'more-right-1',
        'more-left-2',
      ]);
    });
  });

  it('is planned once per connection for an article page, not on every page', async () => {
    await createArticle(context.db.dataSource, { title: 'Source', tags: ['t', 'u'] });
    for (let i = 0; i < 4; i++) await createArticle(context.db.dataSource, { tags: ['t'] });
    await onOneConnection(async (onOne, connection) => {
      const id = await idOf('source');
      for (let i = 0; i < 8; i++) expect((await onOne.relatedToMany([id], 3))[0]).toHaveLength(3);
      // PostgreSQL makes custom plans for a statement's first five runs, then keeps the
      // generic one only when it is no worse, which an array of one id never was here.
      expect(await plansOf(connection, 'related_articles')).toEqual([
        { name: 'related_articles_one_3', generic_plans: 3, custom_plans: 5 },
      ]);
    });
  });

  it("reads an article page's related in the page's statement, planned once per connection", async () => {
    await createArticle(context.db.dataSource, { title: 'Source', tags: ['t', 'u'] });
    for (let i = 0; i < 4; i++) await createArticle(context.db.dataSource, { tags: ['t'] });
    await onOneConnection(async (onOne, connection) => {
      const expected = await relatedSlugs('source', 3);
      for (let i = 0; i < 8; i++) {
        const page = await onOne.findBySlug('source', { publishedOnly: true, related: 3 });
        expect(page!.prefetchedRelated!.articles.map((article) => article.slug)).toEqual(expected);
        // The cards carry what the field's own statement gives them.
        expect(page!.prefetchedRelated!.articles[0]!.tagNames).toEqual(['t']);
        expect(page!.prefetchedRelated!.articles[0]!.sectionCount).toBe(3);
      }
      expect(await plansOf(connection, 'article_by_slug')).toEqual([
        { name: 'article_by_slug_related_3', generic_plans: 3, custom_plans: 5 },
      ]);
      // Any other number is the field's own statement, as for a list.
      const other = await onOne.findBySlug('source', { publishedOnly: true, related: 2 });
      expect(other!.prefetchedRelated).toBeUndefined();
    });
  });
});
