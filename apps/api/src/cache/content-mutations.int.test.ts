import { FORWARDED_ADDRESS_HEADER, FORWARDING_SECRET_HEADER } from '@folio/contract';
import { randomUUID } from 'node:crypto';
import { createArticle } from '../../test/factories.js';
import { contentVersion } from '../../test/content-version.js';
import { watchContentNotifications } from '../../test/content-notifications.js';
import { startTestApi, TEST_FORWARDING_SECRET, type TestApi } from '../../test/test-api.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { bearerFor, Role } from '../../test/tokens.js';

// Only a committed content change moves the content version (which empties the response cache
// and makes every reader purge its pages). Mutations that are refused, fail or change nothing
// must leave it alone, or anyone could keep the whole site uncached with a loop.

let db: TestDatabase;
let api: TestApi;
let editor: Record<string, string>;
let articleId: string;
const READER = {
  [FORWARDED_ADDRESS_HEADER]: '203.0.113.5',
  [FORWARDING_SECRET_HEADER]: TEST_FORWARDING_SECRET,
};
const ARTICLE = '{ article(slug: "quiet-harbour") { title summary } }';

beforeAll(async () => {
  db = await createTestDatabase();
  await createArticle(db.dataSource, { title: 'Quiet Harbour', tags: ['sea'] });
  editor = await bearerFor(db.dataSource, Role.EDITOR);
  [{ id: articleId }] = await db.dataSource.query(`SELECT id FROM articles`);
  // Started after the data is in: its LISTEN hears nothing of the setup.
  api = await startTestApi(db, { REPORT_REVIEW_THRESHOLD: '50' });
});
afterAll(async () => {
  await api?.close();
  await db?.drop();
});

async function statementsFor(query: string): Promise<number> {
  db.statements.reset();
  const { errors } = await api.query(query);
  expect(errors).toBeUndefined();
  return db.statements.count;
}

describe('the content version', () => {
  it.each<[string, string, Record<string, unknown>, Record<string, string>]>([
    ['an empty anonymous mutation', 'mutation { __typename }', {}, {}],
    [
      'an anonymous editorial mutation',
      'mutation ($id: ID!) { updateArticle(id: $id, input: { title: "Hijacked" }) { id } }',
      { id: 'ARTICLE' },
      {},
    ],
    [
      'an editorial mutation of an article that does not exist',
      'mutation ($id: ID!) { unpublishArticle(id: $id) { id } }',
      { id: randomUUID() },
      { editor: 'yes' },
    ],
    [
      'an editorial mutation with invalid input',
      'mutation ($id: ID!) { updateArticle(id: $id, input: { slug: "Not A Slug!" }) { id } }',
      { id: 'ARTICLE' },
      { editor: 'yes' },
    ],
    [
      'a report with a bad idempotency key',
      'mutation { submitReport(input: { articleSlug: "quiet-harbour", reason: SPAM, idempotencyKey: "no" }) { receipt } }',
      {},
      READER,
    ],
    [
      'a report refused before execution (NUL byte in the slug)',
      'mutation ($s: String!) { submitReport(input: { articleSlug: $s, reason: SPAM, idempotencyKey: "abcdefgh-1" }) { receipt } }',
      { s: 'quiet\u0000harbour' },
      READER,
    ],
    [
      'a successful report that changes nothing readers see',
      `mutation { submitReport(input: { articleSlug: "quiet-harbour", reason: SPAM, idempotencyKey: "${randomUUID()}" }) { receipt } }`,
      {},
      READER,
    ],
    [
      'an editorial mutation beside a failing one, both anonymous',
      'mutation ($id: ID!) { a: archiveArticle(id: $id) { id } b: __typename }',
      { id: 'ARTICLE' },
      {},
    ],
  ])(
    'stays put for %s, and the cached answer is still served',
    async (_name, query, variables, headers) => {
      await api.query(ARTICLE);
      expect(await statementsFor(ARTICLE)).toBe(0); // cached
      const before = await contentVersion(api.url);

      const resolved = Object.fromEntries(
        Object.entries(variables).map(([key, value]) => [
          key,
          value === 'ARTICLE' ? articleId : value,
        ]),
      );
      const response = await api.query(query, resolved, headers.editor ? editor : headers);
      expect(response.status).toBeLessThan(500);

      expect(await contentVersion(api.url)).toBe(before);
      expect(await statementsFor(ARTICLE)).toBe(0);
    },
  );

  it('moves for a committed edit, and the next read shows it', async () => {
    await api.query(ARTICLE);
    const before = await contentVersion(api.url);
    const { errors } = await api.query(
      'mutation ($id: ID!) { updateArticle(id: $id, input: { summary: "Fog at dawn." }) { id } }',
      { id: articleId },
      editor,
    );
    expect(errors).toBeUndefined();
    expect(await contentVersion(api.url)).toBeGreaterThan(before);
    const { data } = await api.query(ARTICLE);
    expect(data!.article).toEqual({ title: 'Quiet Harbour', summary: 'Fog at dawn.' });
  });
});

describe('a mutation that commits one change and then fails', () => {
  it('still moves the version before it answers, though its whole answer is an error', async () => {
    await createArticle(db.dataSource, { title: 'Half Done' });
    const [{ id }] = await db.dataSource.query(`SELECT id FROM articles WHERE slug = 'half-done'`);
    await api.query('{ article(slug: "half-done") { title } }');
    const before = await contentVersion(api.url);
    const { data, errors } = await api.query(
      'mutation ($id: ID!, $missing: ID!) { a: unpublishArticle(id: $id) { id } b: unpublishArticle(id: $missing) { id } }',
      { id, missing: randomUUID() },
      editor,
    );
    // b fails and, being non-null, takes the whole answer with it; a was committed all the same.
    expect(data).toBeNull();
    expect(errors![0]!.extensions!.code).toBe('NOT_FOUND');
    expect(await contentVersion(api.url)).toBeGreaterThan(before);
    expect((await api.query('{ article(slug: "half-done") { title } }')).data!.article).toBeNull();
  });
});

describe('the database notification', () => {
  it('is not raised by reports that change nothing readers see', async () => {
    const watcher = await watchContentNotifications(db.dataSource);
    try {
      await watcher.since();
      for (const address of ['198.51.100.1', '2001:db8:5:6::1']) {
        const { errors } = await api.query(
          'mutation ($key: String!) { submitReport(input: { articleSlug: "quiet-harbour", reason: SPAM, idempotencyKey: $key }) { receipt } }',
          { key: randomUUID() },
          { ...READER, [FORWARDED_ADDRESS_HEADER]: address },
        );
        expect(errors).toBeUndefined();
      }
      // PostgreSQL announced no content change, so no API or reader purges anything.
      expect(await watcher.since()).toEqual([]);
    } finally {
      await watcher.close();
    }
  });
});
