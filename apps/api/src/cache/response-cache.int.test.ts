import { randomUUID } from 'node:crypto';
import { createArticle } from '../../test/factories.js';
import { useApiTestContext } from '../../test/api-test-context.js';
import { TEST_FORWARDING_SECRET } from '../../test/test-api.js';
import { bearerFor, Role } from '../../test/tokens.js';
import { FORWARDED_ADDRESS_HEADER, FORWARDING_SECRET_HEADER } from '@folio/contract';

// The response cache on a real server and database: what is served from memory (0 SQL
// statements), and that no change is ever hidden behind it.

const context = useApiTestContext({ REPORT_REVIEW_THRESHOLD: '10' });
let editor: Record<string, string>;
let moderator: Record<string, string>;
beforeEach(async () => {
  await context.db.reset();
  editor = await bearerFor(context.db.dataSource, Role.EDITOR);
  moderator = await bearerFor(context.db.dataSource, Role.MODERATOR);
  await createArticle(context.db.dataSource, { title: 'Harbour Lights', tags: ['coast'] });
});

const ARTICLE = `query ($slug: String!) {
  article(slug: $slug) { title moderationState summary sections { heading blocks { __typename } } }
}`;
const NEWEST = '{ articles(first: 10) { totalCount edges { node { slug title } } } }';

/** How far ahead a test schedules an article: several seconds, for loaded machines. */
const SCHEDULE_MARGIN_MS = 5_000;

/** Asks again every 100 ms until `done`, for at most 30 s; returns the last answer. */
async function pollUntil<T>(ask: () => Promise<T>, done: (answer: T) => boolean): Promise<T> {
  const giveUpAt = Date.now() + 30_000;
  for (;;) {
    const answer = await ask();
    if (done(answer) || Date.now() > giveUpAt) return answer;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Reads until an answer comes from memory, and returns it with the fresh read before it. The
 * setup's own database notifications land asynchronously and rightly keep an answer computed
 * across one from being stored, so "the second read" may be the third on a loaded machine;
 * waiting on the outcome, not on time, keeps the test independent of the machine's speed.
 */
async function freshThenCached(query: string, variables: Record<string, unknown> = {}) {
  let fresh = await measured(query, variables);
  for (let attempt = 0; attempt < 50; attempt++) {
    const next = await measured(query, variables);
    if (next.statements === 0) return { fresh, cached: next };
    fresh = next;
  }
  throw new Error(`never answered from memory: ${query}`);
}

/** The query's data and how many SQL statements answering it took. */
async function measured(query: string, variables: Record<string, unknown> = {}, headers = {}) {
  context.db.statements.reset();
  const { data, errors } = await context.api.query(query, variables, headers);
  if (errors) throw new Error(JSON.stringify(errors));
  return { data: data as any, statements: context.db.statements.count };
}

async function as(headers: Record<string, string>, query: string, variables = {}) {
  const { data, errors } = await context.api.query(query, variables, headers);
  if (errors) throw new Error(JSON.stringify(errors));
  return data as any;
}

async function articleId(slug: string): Promise<string> {
  const [row] = await context.db.dataSource.query('SELECT id FROM articles WHERE slug = $1', [
    slug,
  ]);
  return row.id;
}

describe('the response cache', () => {
  it('answers a repeated public query from memory, with the same answer', async () => {
    const article = await freshThenCached(ARTICLE, { slug: 'harbour-lights' });
    expect(article.fresh.statements).toBe(1);
    expect(article.cached).toEqual({ data: article.fresh.data, statements: 0 });
    const newest = await freshThenCached(NEWEST);
    expect(newest.fresh.statements).toBe(2);
    expect(newest.cached).toEqual({ data: newest.fresh.data, statements: 0 });
  });

  it('never answers staff from it', async () => {
    await measured(ARTICLE, { slug: 'harbour-lights' });
    // Each time: the token lookup and the article itself (the first also stamps last_used_at).
    for (let i = 0; i < 2; i++) {
      const asEditor = await measured(ARTICLE, { slug: 'harbour-lights' }, editor);
      expect(asEditor.statements).toBeGreaterThanOrEqual(2);
    }
  });

  it('never keeps private answers: report status is read afresh each time', async () => {
    const { submitReport } = await context.api
      .query(
        'mutation ($input: SubmitReportInput!) { submitReport(input: $input) { receipt } }',
        { input: { articleSlug: 'harbour-lights', reason: 'SPAM', idempotencyKey: randomUUID() } },
        {
          [FORWARDED_ADDRESS_HEADER]: '203.0.113.9',
          [FORWARDING_SECRET_HEADER]: TEST_FORWARDING_SECRET,
        },
      )
      .then((response) => response.data as any);
    const STATUS = 'query ($r: String!) { reportStatus(receipt: $r) { status } }';
    await measured(STATUS, { r: submitReport.receipt });
    expect((await measured(STATUS, { r: submitReport.receipt })).statements).toBeGreaterThan(0);
  });

  it('never serves a removed article once the removal is acknowledged', async () => {
    await freshThenCached(ARTICLE, { slug: 'harbour-lights' });
    await freshThenCached(NEWEST);
    const { submitReport } = await context.api
      .query(
        'mutation ($input: SubmitReportInput!) { submitReport(input: $input) { receipt } }',
        {
          input: {
            articleSlug: 'harbour-lights',
            reason: 'COPYRIGHT',
            idempotencyKey: randomUUID(),
          },
        },
        {
          [FORWARDED_ADDRESS_HEADER]: '203.0.113.7',
          [FORWARDING_SECRET_HEADER]: TEST_FORWARDING_SECRET,
        },
      )
      .then((response) => response.data as any);
    // Filing a report changes nothing a reader sees: the cached answer stays.
    expect((await measured(ARTICLE, { slug: 'harbour-lights' })).statements).toBe(0);

    const { reports } = await as(moderator, '{ reports { edges { node { id receipt } } } }');
    const { id } = reports.edges.find((e: any) => e.node.receipt === submitReport.receipt).node;
    await as(
      moderator,
      'mutation ($id: ID!) { resolveReport(id: $id, input: { action: REMOVE_ARTICLE, reasons: "Removed." }) { status } }',
      { id },
    );

    const after = await measured(ARTICLE, { slug: 'harbour-lights' });
    expect(after.data.article).toEqual({
      title: 'Harbour Lights',
      moderationState: 'REMOVED',
      summary: null,
      sections: [],
    });
    expect(after.statements).toBe(1);
    expect((await measured(NEWEST)).data.articles).toEqual({ totalCount: 0, edges: [] });
  });

  it('shows an edit or an unpublish on the very next read', async () => {
    await measured(ARTICLE, { slug: 'harbour-lights' });
    const id = await articleId('harbour-lights');
    await as(
      editor,
      'mutation ($id: ID!) { updateArticle(id: $id, input: { summary: "Now at dusk." }) { id } }',
      {
        id,
      },
    );
    expect((await measured(ARTICLE, { slug: 'harbour-lights' })).data.article.summary).toBe(
      'Now at dusk.',
    );
    await as(editor, 'mutation ($id: ID!) { unpublishArticle(id: $id) { status } }', { id });
    expect((await measured(ARTICLE, { slug: 'harbour-lights' })).data.article).toBeNull();
  });

  it('drops what it holds when another process changes content in the database', async () => {
    await measured(NEWEST);
    // As the import CLI or another API instance would: straight to PostgreSQL, whose trigger
    // notifies every listening API. The notification arrives within milliseconds; the wait is
    // on the answer changing, with a generous bound for a loaded machine.
    await context.db.dataSource.query(
      `UPDATE articles SET title = 'Harbour Lights at Night' WHERE slug = 'harbour-lights'`,
    );
    const title = await pollUntil(
      async () => (await measured(NEWEST)).data.articles.edges[0].node.title,
      (found: string) => found === 'Harbour Lights at Night',
    );
    expect(title).toBe('Harbour Lights at Night');
  });

  it('lets a scheduled article appear when it falls due, though the list was cached', async () => {
    await createArticle(context.db.dataSource, { title: 'Night Ferry' }, { publish: false });
    // Several seconds ahead, so the two reads below come before it even on a loaded machine;
    // after it, the test waits on the answer changing, not on a fixed sleep.
    const at = Date.now() + SCHEDULE_MARGIN_MS;
    await as(
      editor,
      'mutation ($id: ID!, $at: DateTime) { publishArticle(id: $id, input: { at: $at }) { status } }',
      { id: await articleId('night-ferry'), at: new Date(at).toISOString() },
    );
    // The list is cached before the article is due (once the publication's own database
    // notification has landed, which may drop an answer computed just before it).
    const cached = await pollUntil(
      () => measured(NEWEST),
      (answer) => answer.statements === 0,
    );
    expect(cached.statements).toBe(0);
    expect(cached.data.articles.totalCount).toBe(1);
    expect(Date.now()).toBeLessThan(at);
    const slugs = await pollUntil(
      async () => (await measured(NEWEST)).data.articles.edges.map((e: any) => e.node.slug),
      (found: string[]) => found.includes('night-ferry'),
    );
    // Never before its time; and well before the cached answer's 300 s would have run out.
    expect(Date.now()).toBeGreaterThanOrEqual(at);
    expect(slugs).toEqual(['night-ferry', 'harbour-lights']);
  });
});
