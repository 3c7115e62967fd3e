import { randomUUID } from 'node:crypto';
import { createArticle } from '../../../test/factories.js';
import { TEST_FORWARDING_SECRET } from '../../../test/test-api.js';
import { useApiTestContext } from '../../../test/api-test-context.js';
import { bearerFor, Role } from '../../../test/tokens.js';
import { FORWARDED_ADDRESS_HEADER, FORWARDING_SECRET_HEADER } from '@folio/contract';

const context = useApiTestContext({ REPORT_REVIEW_THRESHOLD: '10' });
let moderator: Record<string, string>;
beforeEach(async () => {
  await context.db.reset();
  moderator = await bearerFor(context.db.dataSource, Role.MODERATOR, 'mod');
  await createArticle(context.db.dataSource, { title: 'Page one' });
  await createArticle(context.db.dataSource, { title: 'Page two' });
});

async function report(slug: string, reason = 'SPAM', address = '203.0.113.1') {
  const { data, errors } = await context.api.query(
    'mutation ($input: SubmitReportInput!) { submitReport(input: $input) { receipt } }',
    { input: { articleSlug: slug, reason, details: 'seen', idempotencyKey: randomUUID() } },
    { [FORWARDED_ADDRESS_HEADER]: address, [FORWARDING_SECRET_HEADER]: TEST_FORWARDING_SECRET },
  );
  if (errors) throw new Error(JSON.stringify(errors));
  return data!.submitReport.receipt as string;
}

async function as(query: string, variables: Record<string, unknown> = {}, headers = moderator) {
  const { data, errors } = await context.api.query(query, variables, headers);
  if (errors) throw new Error(JSON.stringify(errors));
  return data as any;
}

const QUEUE = `query ($filter: ReportFilter, $first: Int, $after: String) {
  reports(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id receipt reason status details contactEmail article { slug } } }
  }
}`;

describe('the moderation queue', () => {
  it('lists reports newest first with filters and Relay pagination', async () => {
    await report('page-one', 'SPAM');
    await report('page-one', 'COPYRIGHT', '203.0.113.2');
    await report('page-two', 'SPAM', '203.0.113.3');

    const all = await as(QUEUE, { first: 2 });
    expect(all.reports.totalCount).toBe(3);
    const next = await as(QUEUE, { first: 2, after: all.reports.pageInfo.endCursor });
    const slugs = [...all.reports.edges, ...next.reports.edges].map(
      (e: any) => e.node.article.slug,
    );
    expect(slugs).toEqual(['page-two', 'page-one', 'page-one']);

    const spamOnOne = await as(QUEUE, { filter: { reason: 'SPAM', articleSlug: 'page-one' } });
    expect(spamOnOne.reports.edges.map((e: any) => e.node.reason)).toEqual(['SPAM']);
  });

  it('groups open reports by page, most reported first', async () => {
    await report('page-two', 'SPAM', '203.0.113.1');
    await report('page-two', 'SPAM', '203.0.113.1');
    await report('page-two', 'SPAM', '203.0.113.2');
    await report('page-one');
    const { reportCountsByArticle } = await as(
      '{ reportCountsByArticle { article { slug } reportCount reporterCount } }',
    );
    expect(reportCountsByArticle).toEqual([
      { article: { slug: 'page-two' }, reportCount: 3, reporterCount: 2 },
      { article: { slug: 'page-one' }, reportCount: 1, reporterCount: 1 },
    ]);
  });

  it('keeps the queue from readers and editors', async () => {
    expect((await context.api.query(QUEUE)).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const editor = await bearerFor(context.db.dataSource, Role.EDITOR);
    expect((await context.api.query(QUEUE, {}, editor)).errors![0]!.extensions!.code).toBe(
      'FORBIDDEN',
    );
  });
});

describe('resolving reports', () => {
  const RESOLVE = `mutation ($id: ID!, $action: ModerationAction!, $note: String) {
    resolveReport(id: $id, input: { action: $action, note: $note, reasons: "Reviewed against the rules." }) { status resolutionAction resolutionNote resolvedAt }
  }`;
  const firstReportId = async () => (await as(QUEUE)).reports.edges[0].node.id as string;
  const publicState = async () =>
    (
      await context.api.query(
        '{ article(slug: "page-one") { moderationState summary sections { anchor } } }',
      )
    ).data!.article;

  it('triages, then removes the page: readers get it as REMOVED with no content', async () => {
    const receipt = await report('page-one');
    const id = await firstReportId();
    expect(
      (await as('mutation ($id: ID!) { triageReport(id: $id) { status } }', { id })).triageReport
        .status,
    ).toBe('TRIAGED');

    const resolved = await as(RESOLVE, { id, action: 'REMOVE_ARTICLE', note: 'Copied text.' });
    expect(resolved.resolveReport).toMatchObject({
      status: 'ACTIONED',
      resolutionAction: 'remove_article',
      resolutionNote: 'Copied text.',
    });
    expect(await publicState()).toEqual({
      moderationState: 'REMOVED',
      summary: null,
      sections: [],
    });
    const status = await context.api.query(
      'query ($r: String!) { reportStatus(receipt: $r) { status resolvedAt } }',
      { r: receipt },
    );
    expect(status.data!.reportStatus).toMatchObject({
      status: 'ACTIONED',
      resolvedAt: expect.any(String),
    });
    const search = await context.api.query('{ search(query: "page one") { totalCount } }');
    expect(search.data!.search.totalCount).toBe(0);
  });

  it('keeps a page hidden and restores it, each closing every open report of the page', async () => {
    await report('page-one');
    await report('page-one', 'SPAM', '198.51.100.9');
    const [a, b] = (await as(QUEUE)).reports.edges.map((e: any) => e.node.id);
    await as(RESOLVE, { id: a, action: 'KEEP_HIDDEN' });
    expect((await publicState()).moderationState).toBe('UNDER_REVIEW');
    // Keeping the page hidden decided about the page: the sibling report is closed with it.
    const sibling = await as('query ($id: ID!) { report(id: $id) { status resolutionAction } }', {
      id: b,
    });
    expect(sibling.report).toEqual({ status: 'ACTIONED', resolutionAction: 'keep_hidden' });

    const next = await report('page-one', 'OTHER', '192.0.2.10');
    await as(RESOLVE, { id: await firstReportId(), action: 'RESTORE_ARTICLE', note: 'Fine.' });
    expect((await publicState()).moderationState).toBe('VISIBLE');
    const status = await context.api.query(
      'query ($r: String!) { reportStatus(receipt: $r) { status } }',
      { r: next },
    );
    expect(status.data!.reportStatus.status).toBe('ACTIONED');

    await report('page-one', 'OTHER', '203.0.113.10');
    const dismissed = await as(RESOLVE, { id: await firstReportId(), action: 'DISMISS' });
    expect(dismissed.resolveReport.status).toBe('DISMISSED');
    expect((await publicState()).moderationState).toBe('VISIBLE');
  });

  it('refuses to resolve a report twice', async () => {
    await report('page-one');
    const id = await firstReportId();
    await as(RESOLVE, { id, action: 'DISMISS' });
    const again = await context.api.query(RESOLVE, { id, action: 'REMOVE_ARTICLE' }, moderator);
    expect(again.errors![0]).toMatchObject({
      message: 'This report is already dismissed.',
      extensions: { code: 'CONFLICT' },
    });
    expect((await publicState()).moderationState).toBe('VISIBLE');
  });

  it('writes each moderation action to the audit log', async () => {
    await report('page-one');
    const id = await firstReportId();
    await as(RESOLVE, { id, action: 'REMOVE_ARTICLE', note: 'Spam farm.' });
    const admin = await bearerFor(context.db.dataSource, Role.ADMIN);
    const { auditEvents } = await as(
      '{ auditEvents { edges { node { actorId actorName action details } } } }',
      {},
      admin,
    );
    const actorId = expect.stringMatching(/^token:[0-9a-f-]{36}$/);
    expect(auditEvents.edges.map((e: any) => e.node)).toEqual([
      {
        actorId,
        actorName: 'mod',
        action: 'article.moderation',
        details: expect.objectContaining({ from: 'visible', to: 'removed' }),
      },
      {
        actorId,
        actorName: 'mod',
        action: 'report.resolve',
        details: {
          action: 'remove_article',
          note: 'Spam farm.',
          scope: 'page',
          decision: expect.any(String),
        },
      },
      {
        actorId,
        actorName: 'mod',
        action: 'moderation.decide',
        details: expect.objectContaining({
          action: 'remove_article',
          scope: 'page',
          reasons: 'Reviewed against the rules.',
          closedReports: 1,
        }),
      },
    ]);
  });
});
