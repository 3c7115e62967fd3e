import { randomUUID } from 'node:crypto';
import { createArticle } from '../../../test/factories.js';
import { TEST_FORWARDING_SECRET } from '../../../test/test-api.js';
import { useApiTestContext } from '../../../test/api-test-context.js';
import { bearerFor, Role } from '../../../test/tokens.js';
import { FORWARDED_ADDRESS_HEADER, FORWARDING_SECRET_HEADER } from '@folio/contract';
import { ManualClock } from './clock.js';

// The API Folio Studio's moderation screens use: statements of reasons, the receipt a reporter
// sees, appeals to a different moderator, the grouped queue and the transparency report. The
// threshold is out of the way (these tests decide by hand) and the clock is the test's.
const clock = new ManualClock('2026-03-01T12:00:00.000Z');
const context = useApiTestContext({ REPORT_REVIEW_THRESHOLD: '50', RESPONSE_CACHE_MB: '0' }, clock);
let modA: Record<string, string>;
let modB: Record<string, string>;
let editor: Record<string, string>;

beforeEach(async () => {
  clock.set('2026-03-01T12:00:00.000Z');
  await context.db.reset();
  modA = await bearerFor(context.db.dataSource, Role.MODERATOR, 'mod-a');
  modB = await bearerFor(context.db.dataSource, Role.MODERATOR, 'mod-b');
  editor = await bearerFor(context.db.dataSource, Role.EDITOR, 'author-desk');
  await createArticle(context.db.dataSource, { title: 'Page one' });
  await createArticle(context.db.dataSource, { title: 'Page two' });
});

async function report(
  slug: string,
  address: string,
  extra: Record<string, string> = {},
): Promise<string> {
  const { data, errors } = await context.api.query(
    'mutation ($input: SubmitReportInput!) { submitReport(input: $input) { receipt } }',
    { input: { articleSlug: slug, reason: 'SPAM', idempotencyKey: randomUUID(), ...extra } },
    { [FORWARDED_ADDRESS_HEADER]: address, [FORWARDING_SECRET_HEADER]: TEST_FORWARDING_SECRET },
  );
  if (errors) throw new Error(JSON.stringify(errors));
  return data!.submitReport.receipt as string;
}

async function ok(query: string, variables: Record<string, unknown>, headers = modA) {
  const { data, errors } = await context.api.query(query, variables, headers);
  if (errors) throw new Error(JSON.stringify(errors));
  return data as any;
}

const reportId = async (receipt: string) =>
  (await context.db.dataSource.query(`SELECT id FROM reports WHERE receipt = $1`, [receipt]))[0]
    .id as string;
const articleId = async (slug: string) =>
  (await context.db.dataSource.query(`SELECT id FROM articles WHERE slug = $1`, [slug]))[0]
    .id as string;
const auditActions = async () =>
  (
    await context.db.dataSource.query(
      `SELECT actor_id, actor_name, action FROM audit_events ORDER BY id`,
    )
  ).map((row: any) => `${row.actor_name} ${row.action}`);

const RESOLVE = `mutation ($id: ID!, $input: ResolveReportInput!) {
  resolveReport(id: $id, input: $input) { status } }`;
const RESOLVE_PAGE = `mutation ($articleId: ID!, $input: ResolveReportInput!) {
  resolveArticleReports(articleId: $articleId, input: $input) { decisionId moderationState closedReports } }`;
const STATUS = `query ($r: String!) { reportStatus(receipt: $r) {
  status resolvedAt
  decision { action decidedAt reasons }
  appealRights { available deadline instructions }
  appeal { status filedAt resolvedAt outcomeReasons outcomeAction } } }`;
const APPEAL = `mutation ($input: AppealReportInput!) { appealReport(input: $input) {
  appeal { status } appealRights { available } } }`;
const APPEALS = `query ($status: AppealStatus) { appeals(status: $status) { totalCount edges { node {
  id appellant reportReceipt grounds status outcomeReasons resolvedByName
  decision { id action reasons actorName } outcomeDecision { action reasons } } } } }`;
const RESOLVE_APPEAL = `mutation ($id: ID!, $input: ResolveAppealInput!) {
  resolveAppeal(id: $id, input: $input) { status outcomeReasons resolvedByName outcomeDecision { action } } }`;

const DAY = 86_400_000;

describe('statements of reasons', () => {
  it('offers templates by action', async () => {
    const { moderationReasonTemplates } = await ok(
      '{ moderationReasonTemplates(action: REMOVE_ARTICLE) { key action title text } }',
      {},
    );
    expect(moderationReasonTemplates.length).toBeGreaterThan(1);
    expect(
      moderationReasonTemplates.every((template: any) => template.action === 'REMOVE_ARTICLE'),
    ).toBe(true);
    expect(moderationReasonTemplates[0].text.length).toBeGreaterThan(20);
  });

  it.each([
    [{ action: 'DISMISS', reasons: '   ' }, /reasons are required/],
    [{ action: 'DISMISS', reasons: 'x'.repeat(2001) }, /reasons must be at most 2000/],
    [{ action: 'DISMISS', reasons: 'Fine.', template: 'no-such-template' }, /no reason template/],
    [{ action: 'DISMISS', reasons: 'Fine.', template: 'remove-spam' }, /is for REMOVE_ARTICLE/],
  ])(
    'refuses a resolution %#  without a proper statement and changes nothing',
    async (input, message) => {
      const receipt = await report('page-one', '203.0.113.1');
      const { errors } = await context.api.query(
        RESOLVE,
        { id: await reportId(receipt), input },
        modA,
      );
      expect(errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      expect(errors![0]!.message).toMatch(message);
      const status = await ok(STATUS, { r: receipt });
      expect(status.reportStatus).toMatchObject({ status: 'OPEN', decision: null });
      expect(await auditActions()).toEqual([]);
    },
  );

  it('shows the reporter the decision, its date, the reasons and how to appeal', async () => {
    const receipt = await report('page-one', '203.0.113.1');
    const before = await ok(STATUS, { r: receipt });
    expect(before.reportStatus).toMatchObject({ decision: null, appealRights: null, appeal: null });
    clock.advance(2 * DAY);
    await ok(RESOLVE, {
      id: await reportId(receipt),
      input: {
        action: 'REMOVE_ARTICLE',
        reasons: 'The page copied a newspaper article without permission.',
        template: 'remove-copyright',
        note: 'internal: rights holder emailed',
      },
    });
    const { reportStatus } = await ok(STATUS, { r: receipt });
    expect(reportStatus).toEqual({
      status: 'ACTIONED',
      resolvedAt: '2026-03-03T12:00:00.000Z',
      decision: {
        action: 'REMOVE_ARTICLE',
        decidedAt: '2026-03-03T12:00:00.000Z',
        reasons: 'The page copied a newspaper article without permission.',
      },
      appealRights: {
        available: true,
        deadline: '2026-09-03T12:00:00.000Z',
        instructions: expect.stringMatching(
          /appeal once, until 2026-09-03.*different|did not make/,
        ),
      },
      appeal: null,
    });
    expect(JSON.stringify(reportStatus)).not.toContain('internal');
  });

  it('gives every report a page-level decision closed the same statement', async () => {
    const first = await report('page-one', '203.0.113.1');
    const second = await report('page-one', '198.51.100.1', { sectionAnchor: 'section-2' });
    const { resolveArticleReports } = await ok(RESOLVE_PAGE, {
      articleId: await articleId('page-one'),
      input: { action: 'KEEP_HIDDEN', reasons: 'Kept hidden while we check the sources.' },
    });
    expect(resolveArticleReports).toMatchObject({
      moderationState: 'UNDER_REVIEW',
      closedReports: 2,
    });
    for (const receipt of [first, second]) {
      expect((await ok(STATUS, { r: receipt })).reportStatus.decision).toMatchObject({
        action: 'KEEP_HIDDEN',
        reasons: 'Kept hidden while we check the sources.',
      });
    }
    const { moderationDecisions } = await ok(
      'query ($id: ID!) { moderationDecisions(articleId: $id) { id action scope reasons actorId actorName } }',
      { id: await articleId('page-one') },
      editor,
    );
    expect(moderationDecisions).toEqual([
      {
        id: resolveArticleReports.decisionId,
        action: 'KEEP_HIDDEN',
        scope: 'page',
        reasons: 'Kept hidden while we check the sources.',
        actorId: expect.stringMatching(/^token:/),
        actorName: 'mod-a',
      },
    ]);
  });
});

describe('appeals', () => {
  async function decided(action = 'DISMISS', by = modA) {
    const receipt = await report('page-one', '203.0.113.1');
    await ok(
      RESOLVE,
      {
        id: await reportId(receipt),
        input: { action, reasons: 'We found no breach of the rules.' },
      },
      by,
    );
    return receipt;
  }

  it('lets a reporter appeal once, puts it in the appeals queue, and shows it on the receipt', async () => {
    const receipt = await decided();
    clock.advance(30 * DAY);
    const filed = await ok(APPEAL, { input: { receipt, grounds: 'It is plainly an advert.' } }, {});
    expect(filed.appealReport).toEqual({
      appeal: { status: 'OPEN' },
      appealRights: { available: false },
    });
    const again = await context.api.query(APPEAL, {
      input: { receipt, grounds: 'Once more.' },
    });
    expect(again.errors![0]).toMatchObject({
      message: 'This report has already been appealed once.',
      extensions: { code: 'CONFLICT' },
    });
    const { appeals } = await ok(APPEALS, {});
    expect(appeals.totalCount).toBe(1);
    expect(appeals.edges[0].node).toMatchObject({
      appellant: 'REPORTER',
      reportReceipt: receipt,
      grounds: 'It is plainly an advert.',
      status: 'OPEN',
      decision: { action: 'DISMISS', actorName: 'mod-a' },
    });
    expect(await auditActions()).toContain('reporter appeal.file');
  });

  it('refuses an appeal after six months, and one on a report not yet decided', async () => {
    const open = await report('page-two', '198.51.100.1');
    const early = await context.api.query(APPEAL, { input: { receipt: open, grounds: 'Why?' } });
    expect(early.errors![0]!.extensions!.code).toBe('CONFLICT');

    const receipt = await decided();
    clock.advance(185 * DAY); // 1 March + 185 days is 2 September, past the deadline
    const late = await context.api.query(APPEAL, { input: { receipt, grounds: 'Too late?' } });
    expect(late.errors![0]).toMatchObject({
      message: 'The time to appeal this decision ended on 2026-09-01.',
      extensions: { code: 'CONFLICT' },
    });
    expect((await ok(STATUS, { r: receipt })).reportStatus.appealRights).toMatchObject({
      available: false,
      instructions: 'The time to appeal this decision ended on 2026-09-01.',
    });
    const [{ n }] = await context.db.dataSource.query(
      'SELECT count(*)::int AS n FROM moderation_appeals',
    );
    expect(n).toBe(0);
  });

  it('refuses the appeal to the moderator who decided; another reverses it, and the reporter sees why', async () => {
    const receipt = await decided('DISMISS', modA);
    await ok(APPEAL, { input: { receipt, grounds: 'It is plainly an advert.' } }, {});
    const [{ node: appeal }] = (await ok(APPEALS, {})).appeals.edges;

    const own = await context.api.query(
      RESOLVE_APPEAL,
      { id: appeal.id, input: { outcome: 'UPHOLD', reasons: 'I still think so.' } },
      modA,
    );
    expect(own.errors![0]).toMatchObject({
      message: 'You made the decision under appeal: a different moderator must review it.',
      extensions: { code: 'FORBIDDEN' },
    });

    clock.advance(DAY);
    const reversed = await ok(
      RESOLVE_APPEAL,
      {
        id: appeal.id,
        input: {
          outcome: 'REVERSE',
          action: 'REMOVE_ARTICLE',
          reasons: 'On review the page is a paid advert disguised as an article.',
        },
      },
      modB,
    );
    expect(reversed.resolveAppeal).toEqual({
      status: 'REVERSED',
      outcomeReasons: 'On review the page is a paid advert disguised as an article.',
      resolvedByName: 'mod-b',
      outcomeDecision: { action: 'REMOVE_ARTICLE' },
    });
    const page = await context.api.query('{ article(slug: "page-one") { moderationState } }');
    expect(page.data!.article.moderationState).toBe('REMOVED');
    const { reportStatus } = await ok(STATUS, { r: receipt });
    expect(reportStatus.appeal).toEqual({
      status: 'REVERSED',
      filedAt: '2026-03-01T12:00:00.000Z',
      resolvedAt: '2026-03-02T12:00:00.000Z',
      outcomeReasons: 'On review the page is a paid advert disguised as an article.',
      outcomeAction: 'REMOVE_ARTICLE',
    });
    expect(reportStatus.appealRights.instructions).toMatch(/final/);
    const again = await context.api.query(
      RESOLVE_APPEAL,
      { id: appeal.id, input: { outcome: 'UPHOLD', reasons: 'x' } },
      modB,
    );
    expect(again.errors![0]!.extensions!.code).toBe('CONFLICT');
    expect(await auditActions()).toEqual(
      expect.arrayContaining([
        'reporter appeal.file',
        'mod-b moderation.decide',
        'mod-b appeal.resolve',
      ]),
    );
  });

  it('lets the author appeal a removal once; an upheld appeal changes nothing and is recorded', async () => {
    const receipt = await decided('REMOVE_ARTICLE', modA);
    const [{ id: decisionId }] = (
      await ok(
        'query ($id: ID!) { moderationDecisions(articleId: $id) { id } }',
        { id: await articleId('page-one') },
        editor,
      )
    ).moderationDecisions;
    const APPEAL_DECISION = `mutation ($input: AppealDecisionInput!) { appealDecision(input: $input) { id appellant status } }`;
    const filed = await ok(
      APPEAL_DECISION,
      { input: { decisionId, grounds: 'The text is our own; here is the draft history.' } },
      editor,
    );
    expect(filed.appealDecision).toMatchObject({ appellant: 'AUTHOR', status: 'OPEN' });
    const twice = await context.api.query(
      APPEAL_DECISION,
      { input: { decisionId, grounds: 'Again.' } },
      editor,
    );
    expect(twice.errors![0]!.extensions!.code).toBe('CONFLICT');
    const stranger = await context.api.query(APPEAL_DECISION, {
      input: { decisionId, grounds: 'Anonymous.' },
    });
    expect(stranger.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');

    const upheld = await ok(
      RESOLVE_APPEAL,
      {
        id: filed.appealDecision.id,
        input: { outcome: 'UPHOLD', reasons: 'The copied passages are long and unattributed.' },
      },
      modB,
    );
    expect(upheld.resolveAppeal).toMatchObject({ status: 'UPHELD', outcomeDecision: null });
    const page = await context.api.query('{ article(slug: "page-one") { moderationState } }');
    expect(page.data!.article.moderationState).toBe('REMOVED');
    expect((await ok(APPEALS, { status: 'UPHELD' })).appeals.totalCount).toBe(1);
    expect((await ok(APPEALS, {})).appeals.totalCount).toBe(0);
    // The reporter's own right to appeal is separate from the author's.
    expect((await ok(STATUS, { r: receipt })).reportStatus.appealRights.available).toBe(true);
  });

  it('refuses an author appeal against a decision that left the page visible', async () => {
    await decided('DISMISS', modA);
    const [{ id: decisionId }] = (
      await ok(
        'query ($id: ID!) { moderationDecisions(articleId: $id) { id } }',
        { id: await articleId('page-one') },
        editor,
      )
    ).moderationDecisions;
    const { errors } = await context.api.query(
      `mutation ($input: AppealDecisionInput!) { appealDecision(input: $input) { id } }`,
      { input: { decisionId, grounds: 'Nothing happened.' } },
      editor,
    );
    expect(errors![0]!.extensions!.code).toBe('CONFLICT');
  });
});

describe('the grouped moderation queue', () => {
  const QUEUE = `query ($order: QueueOrder) { moderationQueue(order: $order) {
    totalCount endCursor
    items { article { slug } moderationState reportCount reporterCount networkCount
      reasons { reason count }
      sections { sectionAnchor reportCount reporterCount networkCount reasons { reason count }
        reports { reason details contactGiven } } } } }`;

  it('groups open reports by page and section with counts of reporters and networks', async () => {
    await report('page-one', '203.0.113.1', {
      reason: 'COPYRIGHT',
      details: 'Copied from a blog.',
    });
    await report('page-one', '203.0.113.2', {
      sectionAnchor: 'section-2',
      contactEmail: 'r@example.org',
    });
    await report('page-one', '2001:db8:1:2::1', { sectionAnchor: 'section-2' });
    await report('page-one', '2001:db8:1:2::2', { sectionAnchor: 'section-2' }); // same /64
    clock.advance(60_000);
    await report('page-two', '198.51.100.1');

    const newest = (await ok(QUEUE, { order: 'NEWEST' })).moderationQueue;
    expect(newest.totalCount).toBe(2);
    expect(newest.items.map((item: any) => item.article.slug)).toEqual(['page-two', 'page-one']);
    const pageOne = newest.items[1];
    expect(pageOne).toMatchObject({
      moderationState: 'VISIBLE',
      reportCount: 4,
      reporterCount: 3,
      networkCount: 2,
      reasons: [
        { reason: 'SPAM', count: 3 },
        { reason: 'COPYRIGHT', count: 1 },
      ],
    });
    const bySection = Object.fromEntries(
      pageOne.sections.map((section: any) => [section.sectionAnchor ?? 'page', section]),
    );
    expect(bySection['page']).toMatchObject({
      reportCount: 1,
      reporterCount: 1,
      networkCount: 1,
      reports: [{ reason: 'COPYRIGHT', details: 'Copied from a blog.', contactGiven: false }],
    });
    expect(bySection['section-2']).toMatchObject({
      reportCount: 3,
      reporterCount: 2,
      networkCount: 2,
    });
    expect(bySection['section-2'].reports.map((r: any) => r.contactGiven).sort()).toEqual([
      false,
      false,
      true,
    ]);

    const most = (await ok(QUEUE, { order: 'MOST_REPORTED' })).moderationQueue;
    expect(most.items.map((item: any) => item.article.slug)).toEqual(['page-one', 'page-two']);
  });

  it('drops decided pages from the queue and pages through the rest', async () => {
    await report('page-one', '203.0.113.1');
    await report('page-two', '198.51.100.1');
    await ok(RESOLVE_PAGE, {
      articleId: await articleId('page-two'),
      input: { action: 'DISMISS', reasons: 'No breach.' },
    });
    const queue = (
      await ok(
        `{ moderationQueue(first: 1) { totalCount endCursor items { article { slug } } } }`,
        {},
      )
    ).moderationQueue;
    expect(queue).toEqual({
      totalCount: 1,
      endCursor: null,
      items: [{ article: { slug: 'page-one' } }],
    });
  });

  it('is for moderators only', async () => {
    expect((await context.api.query(QUEUE, {})).errors![0]!.extensions!.code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await context.api.query(QUEUE, {}, editor)).errors![0]!.extensions!.code).toBe(
      'FORBIDDEN',
    );
  });
});

describe('the transparency report', () => {
  const REPORT = `query ($from: DateTime!, $to: DateTime!) { transparencyReport(from: $from, to: $to) {
    reportCount reportsByReason { reason count } decisionCount decisionsByAction { action count }
    medianSecondsToDecision appealsFiled appealsUpheld appealsReversed } }`;

  it('counts reports by reason, decisions by action and the median time to decision in a period', async () => {
    const a = await report('page-one', '203.0.113.1', { reason: 'COPYRIGHT' });
    const b = await report('page-one', '198.51.100.1');
    const c = await report('page-two', '192.0.2.1');
    clock.advance(60 * 60_000); // an hour later
    await ok(RESOLVE, {
      id: await reportId(c),
      input: { action: 'DISMISS', reasons: 'No breach.' },
    });
    clock.advance(2 * 60 * 60_000); // three hours after filing
    await ok(RESOLVE, {
      id: await reportId(a),
      input: { action: 'REMOVE_ARTICLE', reasons: 'Copied.' },
    });
    await ok(APPEAL, { input: { receipt: b, grounds: 'Why removed?' } }, {});
    clock.advance(40 * DAY);
    await report('page-two', '192.0.2.50', {
      reason: 'OTHER',
      details: 'Later, outside the period.',
    });

    const { transparencyReport } = await ok(REPORT, {
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-04-01T00:00:00.000Z',
    });
    expect(transparencyReport).toEqual({
      reportCount: 3,
      reportsByReason: [
        { reason: 'SPAM', count: 2 },
        { reason: 'COPYRIGHT', count: 1 },
      ],
      decisionCount: 2,
      decisionsByAction: [
        { action: 'DISMISS', count: 1 },
        { action: 'REMOVE_ARTICLE', count: 1 },
      ],
      // Reports decided after 1 h (c), 3 h (a) and 3 h (b, closed with the page): median 3 h.
      medianSecondsToDecision: 3 * 3600,
      appealsFiled: 1,
      appealsUpheld: 0,
      appealsReversed: 0,
    });
  });

  it('refuses a reversed or overlong period', async () => {
    for (const [from, to] of [
      ['2026-04-01T00:00:00Z', '2026-03-01T00:00:00Z'],
      ['2025-01-01T00:00:00Z', '2026-06-01T00:00:00Z'],
    ]) {
      const { errors } = await context.api.query(REPORT, { from, to }, modA);
      expect(errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    }
  });
});
