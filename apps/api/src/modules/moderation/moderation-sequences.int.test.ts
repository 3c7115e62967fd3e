import { randomUUID } from 'node:crypto';
import { createArticle } from '../../../test/factories.js';
import { TEST_FORWARDING_SECRET } from '../../../test/test-api.js';
import { useApiTestContext } from '../../../test/api-test-context.js';
import { bearerFor, Role } from '../../../test/tokens.js';
import { FORWARDED_ADDRESS_HEADER, FORWARDING_SECRET_HEADER } from '@folio/contract';
import { ManualClock } from './clock.js';

// The sequences the review found, end to end: the default threshold (3 networks), the test's
// clock, and no response cache, so every read shows what is stored.
const clock = new ManualClock();
const context = useApiTestContext({ RESPONSE_CACHE_MB: '0' }, clock);
let moderator: Record<string, string>;
let articleId: string;

beforeEach(async () => {
  await context.db.reset();
  moderator = await bearerFor(context.db.dataSource, Role.MODERATOR, 'mod');
  await createArticle(context.db.dataSource, { title: 'Page one' });
  [{ id: articleId }] = await context.db.dataSource.query(
    `SELECT id FROM articles WHERE slug = 'page-one'`,
  );
});

async function report(address: string) {
  const { data, errors } = await context.api.query(
    'mutation ($input: SubmitReportInput!) { submitReport(input: $input) { receipt } }',
    { input: { articleSlug: 'page-one', reason: 'SPAM', idempotencyKey: randomUUID() } },
    { [FORWARDED_ADDRESS_HEADER]: address, [FORWARDING_SECRET_HEADER]: TEST_FORWARDING_SECRET },
  );
  clock.advance(6 * 60_000); // reports a few minutes apart: no burst
  return { receipt: data?.submitReport?.receipt as string, errors };
}

/** Three networks over twelve minutes: the threshold hides the page by itself. */
async function autoHide() {
  for (const address of ['203.0.113.1', '198.51.100.1', '2001:db8:5::1']) await report(address);
  expect(await state()).toBe('UNDER_REVIEW');
}

async function as(query: string, variables: Record<string, unknown> = {}) {
  const { data, errors } = await context.api.query(query, variables, moderator);
  if (errors) throw new Error(JSON.stringify(errors));
  return data as any;
}

const state = async () =>
  (await context.api.query('{ article(slug: "page-one") { moderationState } }')).data!.article
    ?.moderationState as string;

const openReportIds = async () =>
  (
    await as(
      `{ reports(filter: { status: OPEN, articleSlug: "page-one" }) { edges { node { id } } } }`,
    )
  ).reports.edges.map((edge: any) => edge.node.id as string);

const RESOLVE = `mutation ($id: ID!, $action: ModerationAction!) {
  resolveReport(id: $id, input: { action: $action, reasons: "Reviewed against the rules." }) { status } }`;
const RESOLVE_PAGE = `mutation ($articleId: ID!, $action: ModerationAction!) {
  resolveArticleReports(articleId: $articleId, input: { action: $action, reasons: "Reviewed against the rules." }) { moderationState closedReports } }`;

describe('moderation state sequences', () => {
  it('KEEP_HIDDEN on a report of a removed page leaves it removed (page-level or single)', async () => {
    await report('203.0.113.1');
    await report('198.51.100.1');
    const [first] = await openReportIds();
    await as(RESOLVE, { id: first, action: 'REMOVE_ARTICLE' });
    expect(await state()).toBe('REMOVED');
    // Removing decided about the page: the sibling is closed and cannot be acted on again.
    expect(await openReportIds()).toEqual([]);
    const page = await as(RESOLVE_PAGE, { articleId, action: 'KEEP_HIDDEN' });
    expect(page.resolveArticleReports).toEqual({ moderationState: 'REMOVED', closedReports: 0 });
    expect(await state()).toBe('REMOVED');
    const article = await context.api.query(
      '{ article(slug: "page-one") { sections { anchor } } }',
    );
    expect(article.data!.article.sections).toEqual([]);
  });

  it('RESTORE closes every open report, so the next report does not re-hide the page', async () => {
    await autoHide();
    const open = await openReportIds();
    expect(open).toHaveLength(3);
    await as(RESOLVE, { id: open[0], action: 'RESTORE_ARTICLE' });
    expect(await state()).toBe('VISIBLE');
    expect(await openReportIds()).toEqual([]);
    await report('192.0.2.1');
    expect(await state()).toBe('VISIBLE');
  });

  it('dismissing every report of an automatically hidden page, one by one, shows it again', async () => {
    await autoHide();
    const [a, b, c] = await openReportIds();
    await as(RESOLVE, { id: a, action: 'DISMISS' });
    await as(RESOLVE, { id: b, action: 'DISMISS' });
    expect(await state()).toBe('UNDER_REVIEW');
    await as(RESOLVE, { id: c, action: 'DISMISS' });
    expect(await state()).toBe('VISIBLE');
  });

  it('dismissing all of them at once shows it again too, and refuses when none is open', async () => {
    await autoHide();
    const page = await as(RESOLVE_PAGE, { articleId, action: 'DISMISS' });
    expect(page.resolveArticleReports).toEqual({ moderationState: 'VISIBLE', closedReports: 3 });
    const again = await context.api.query(
      RESOLVE_PAGE,
      { articleId, action: 'DISMISS' },
      moderator,
    );
    expect(again.errors![0]).toMatchObject({
      message: 'This page has no open reports to dismiss.',
      extensions: { code: 'CONFLICT' },
    });
  });

  it('a page a moderator keeps hidden stays hidden when its later reports are dismissed', async () => {
    await report('203.0.113.1');
    const [first] = await openReportIds();
    await as(RESOLVE, { id: first, action: 'KEEP_HIDDEN' });
    expect(await state()).toBe('UNDER_REVIEW');
    // Readers can still report a page under review; dismissing that does not undo the decision.
    await report('198.51.100.1');
    const [later] = await openReportIds();
    await as(RESOLVE, { id: later, action: 'DISMISS' });
    expect(await state()).toBe('UNDER_REVIEW');
    await as(RESOLVE_PAGE, { articleId, action: 'RESTORE_ARTICLE' });
    expect(await state()).toBe('VISIBLE');
  });

  it('records the page change and every report a page-level decision closed', async () => {
    await autoHide();
    await as(RESOLVE_PAGE, { articleId, action: 'REMOVE_ARTICLE' });
    const rows = await context.db.dataSource.query(
      `SELECT actor_name, action, target_type, details->>'from' AS "from", details->>'to' AS "to"
         FROM audit_events ORDER BY id`,
    );
    expect(rows.map((row: any) => [row.actor_name, row.action, row.target_type])).toEqual([
      ['system', 'article.under_review', 'article'],
      ['mod', 'moderation.decide', 'decision'],
      ['mod', 'report.resolve', 'report'],
      ['mod', 'report.resolve', 'report'],
      ['mod', 'report.resolve', 'report'],
      ['mod', 'article.moderation', 'article'],
    ]);
    expect(rows[5]).toMatchObject({ from: 'under_review', to: 'removed' });
  });
});
