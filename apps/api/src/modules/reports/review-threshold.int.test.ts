import { randomUUID } from 'node:crypto';
import { createArticle } from '../../../test/factories.js';
import { TEST_FORWARDING_SECRET } from '../../../test/test-api.js';
import { useApiTestContext } from '../../../test/api-test-context.js';
import { bearerFor, Role } from '../../../test/tokens.js';
import { ManualClock } from '../moderation/clock.js';
import { FORWARDED_ADDRESS_HEADER, FORWARDING_SECRET_HEADER } from '@folio/contract';

// The review policy with its defaults (3 networks within 24 hours, a burst under 10 minutes,
// at most 2 reporters per network), except the site-wide rate, lowered so a test can use it
// up. The clock is the test's: windows and bursts never depend on the machine's speed. The
// response cache is off so each read shows the database as it is.
const clock = new ManualClock();
const context = useApiTestContext(
  { REPORT_AUTO_HIDE_PER_HOUR: '2', RESPONSE_CACHE_MB: '0' },
  clock,
);

beforeEach(async () => {
  await context.db.reset();
  await createArticle(context.db.dataSource, { title: 'Reported page' });
});

const SUBMIT = `mutation ($input: SubmitReportInput!) { submitReport(input: $input) { receipt } }`;

/** A report through the reader site, which forwards the reader's address with its secret. */
async function fileFrom(address: string, slug = 'reported-page') {
  const { data, errors } = await context.api.query(
    SUBMIT,
    { input: { articleSlug: slug, reason: 'SPAM', idempotencyKey: randomUUID() } },
    { [FORWARDED_ADDRESS_HEADER]: address, [FORWARDING_SECRET_HEADER]: TEST_FORWARDING_SECRET },
  );
  return { receipt: data?.submitReport?.receipt as string | undefined, errors };
}

const minutes = (n: number) => clock.advance(n * 60_000);

async function page(slug = 'reported-page') {
  const article = await context.api.query(
    'query ($slug: String!) { article(slug: $slug) { moderationState } }',
    { slug },
  );
  const listed = await context.api.query('{ articles(first: 50) { edges { node { slug } } } }');
  const [flag] = await context.db.dataSource.query(
    `SELECT m.flag_reason FROM article_moderation m JOIN articles a ON a.id = m.article_id
      WHERE a.slug = $1 AND m.flagged_at IS NOT NULL`,
    [slug],
  );
  return {
    state: article.data!.article.moderationState as string,
    listed: listed.data!.articles.edges.some((edge: any) => edge.node.slug === slug),
    flag: (flag?.flag_reason as string | undefined) ?? null,
  };
}

const auditActions = async () =>
  (
    await context.db.dataSource.query(
      `SELECT actor_name, action, details FROM audit_events ORDER BY id`,
    )
  ).map((row: any) => [row.actor_name, row.action, row.details.signal ?? null]);

describe('who counts as a reporter and a network', () => {
  it('does not take a page down for three addresses of one IPv6 /64: they are one reporter', async () => {
    for (const address of ['2001:db8:1:2::1', '2001:db8:1:2::2', '2001:db8:1:2::3']) {
      minutes(20);
      expect((await fileFrom(address)).errors).toBeUndefined();
    }
    expect(await page()).toEqual({ state: 'VISIBLE', listed: true, flag: null });
    // One reporter, one rate limit: the /64's sixth report is refused, whatever address it uses.
    await fileFrom('2001:db8:1:2::4');
    await fileFrom('2001:db8:1:2:ffff::5');
    const sixth = await fileFrom('2001:db8:1:2::abcd');
    expect(sixth.errors![0]!.extensions!.code).toBe('RATE_LIMITED');
  });

  it('counts one IPv4 /24 and one IPv6 /48 as one network each, however many reporters', async () => {
    for (let i = 1; i <= 2; i++) {
      minutes(20);
      await fileFrom(`203.0.113.${i}`);
      minutes(20);
      await fileFrom(`2001:db8:7:${i}::1`);
    }
    // Two networks, four reporters: under the threshold of three networks.
    expect(await page()).toEqual({ state: 'VISIBLE', listed: true, flag: null });
  });

  it('counts an IPv4-mapped IPv6 address as the IPv4 network it carries', async () => {
    minutes(20);
    await fileFrom('203.0.113.1');
    minutes(20);
    await fileFrom('::ffff:203.0.113.2');
    minutes(20);
    await fileFrom('198.51.100.1');
    expect((await page()).state).toBe('VISIBLE');
  });
});

describe('the review threshold', () => {
  it('hides a page that three networks reported over more than ten minutes', async () => {
    await fileFrom('203.0.113.1');
    minutes(6);
    await fileFrom('198.51.100.1');
    expect((await page()).state).toBe('VISIBLE');
    minutes(6);
    await fileFrom('2001:db8:5::1');
    expect(await page()).toEqual({ state: 'UNDER_REVIEW', listed: false, flag: null });
    expect(await auditActions()).toEqual([['system', 'article.under_review', null]]);
  });

  it('counts only reports filed within the 24-hour window', async () => {
    await fileFrom('203.0.113.1');
    minutes(60);
    await fileFrom('198.51.100.1');
    minutes(23 * 60 + 30); // the first report has left the window, the second has not
    await fileFrom('192.0.2.1');
    expect((await page()).state).toBe('VISIBLE');
    minutes(10);
    await fileFrom('2001:db8:9::1');
    expect((await page()).state).toBe('UNDER_REVIEW');
  });
});

describe('a simulated brigade', () => {
  it('flags a burst from many networks for moderators without delisting the page', async () => {
    // Forty reports from forty networks, IPv4 and IPv6, within four minutes.
    for (let i = 1; i <= 20; i++) {
      await fileFrom(`10.${i}.0.1`);
      await fileFrom(`2001:db8:${i.toString(16)}::1`);
      clock.advance(6_000);
    }
    expect(await page()).toEqual({ state: 'VISIBLE', listed: true, flag: 'burst' });
    expect(await auditActions()).toEqual([['system', 'article.flagged', 'burst']]);
    // Moderators see the flag, and the signal, in their queue.
    const moderator = await bearerFor(context.db.dataSource, Role.MODERATOR);
    const queue = await context.api.query(
      '{ moderationQueue { items { moderationState flagReason reportCount reporterCount networkCount } } }',
      {},
      moderator,
    );
    expect(queue.data!.moderationQueue.items).toEqual([
      {
        moderationState: 'VISIBLE',
        flagReason: 'burst',
        reportCount: 40,
        reporterCount: 40,
        networkCount: 40,
      },
    ]);
    // Waiting out the burst and coming back does not hide it: the flag waits for a moderator.
    minutes(60);
    for (let i = 30; i < 35; i++) await fileFrom(`10.${i}.0.1`);
    expect(await page()).toEqual({ state: 'VISIBLE', listed: true, flag: 'burst' });
    expect((await auditActions()).length).toBe(1);
  });

  it('flags many reporters from few networks (a concentrated signal)', async () => {
    // Three networks, three reporters in each, over half an hour.
    for (const network of ['203.0.113', '198.51.100', '192.0.2']) {
      for (const host of [1, 2, 3]) {
        await fileFrom(`${network}.${host}`);
        minutes(4);
      }
    }
    expect(await page()).toEqual({ state: 'VISIBLE', listed: true, flag: 'concentrated' });
  });

  it('hides at most REPORT_AUTO_HIDE_PER_HOUR pages an hour; past it pages are flagged', async () => {
    for (const title of ['Second page', 'Third page', 'Fourth page'])
      await createArticle(context.db.dataSource, { title });
    const slugs = ['reported-page', 'second-page', 'third-page', 'fourth-page'];
    const takeDown = async (slug: string, n: number) => {
      for (const network of [1, 2, 3]) {
        await fileFrom(`10.${n}.${network}.1`, slug);
        minutes(6);
      }
    };
    await takeDown(slugs[0]!, 1);
    await takeDown(slugs[1]!, 2);
    await takeDown(slugs[2]!, 3);
    expect((await page(slugs[0])).state).toBe('UNDER_REVIEW');
    expect((await page(slugs[1])).state).toBe('UNDER_REVIEW');
    expect(await page(slugs[2])).toEqual({ state: 'VISIBLE', listed: true, flag: 'rate' });
    minutes(60); // the hour has passed since both hides
    await takeDown(slugs[3]!, 4);
    expect((await page(slugs[3])).state).toBe('UNDER_REVIEW');
  });
});

describe('a flagged page', () => {
  it('files reports while it waits for a moderator, and counts new networks again once one decided', async () => {
    const moderator = await bearerFor(context.db.dataSource, Role.MODERATOR);
    for (const address of ['203.0.113.1', '198.51.100.1', '2001:db8:5::1']) {
      await fileFrom(address);
      minutes(1);
    }
    expect(await page()).toEqual({ state: 'VISIBLE', listed: true, flag: 'burst' });
    // More networks after the burst: each report is filed and answered, the flag still waits.
    minutes(30);
    for (const address of ['192.0.2.1', '100.64.0.1', '2001:db8:6::1']) {
      const filed = await fileFrom(address);
      expect(filed.errors).toBeUndefined();
      expect(filed.receipt).toMatch(/^R-[0-9A-Z]{10}$/);
      minutes(6);
    }
    expect(await page()).toEqual({ state: 'VISIBLE', listed: true, flag: 'burst' });
    const [article] = await context.db.dataSource.query(
      `SELECT id FROM articles WHERE slug = 'reported-page'`,
    );
    const dismissed = await context.api.query(
      `mutation ($id: ID!) { resolveArticleReports(articleId: $id, input: { action: DISMISS, reasons: "Not spam." }) { moderationState closedReports } }`,
      { id: article.id },
      moderator,
    );
    expect(dismissed.data!.resolveArticleReports).toEqual({
      moderationState: 'VISIBLE',
      closedReports: 6,
    });
    expect((await page()).flag).toBeNull();
    // The decision settled the flag: three new networks, over more than ten minutes, hide it.
    minutes(60);
    for (const address of ['198.18.0.1', '2001:db8:7::1', '100.65.0.1']) {
      expect((await page()).state).toBe('VISIBLE');
      await fileFrom(address);
      minutes(6);
    }
    expect(await page()).toEqual({ state: 'UNDER_REVIEW', listed: false, flag: null });
    const signals = (await auditActions()).filter((row: unknown[]) => row[0] === 'system');
    expect(signals).toEqual([
      ['system', 'article.flagged', 'burst'],
      ['system', 'article.under_review', null],
    ]);
  });
});

describe('after a moderator restored a page', () => {
  it('is not hidden again by the same networks, only by new ones', async () => {
    const moderator = await bearerFor(context.db.dataSource, Role.MODERATOR);
    for (const address of ['203.0.113.1', '198.51.100.1', '2001:db8:5::1']) {
      await fileFrom(address);
      minutes(6);
    }
    expect((await page()).state).toBe('UNDER_REVIEW');
    const [article] = await context.db.dataSource.query(
      `SELECT id FROM articles WHERE slug = 'reported-page'`,
    );
    const restored = await context.api.query(
      `mutation ($id: ID!) { resolveArticleReports(articleId: $id, input: { action: RESTORE_ARTICLE, reasons: "Fine." }) { moderationState closedReports } }`,
      { id: article.id },
      moderator,
    );
    expect(restored.data!.resolveArticleReports).toEqual({
      moderationState: 'VISIBLE',
      closedReports: 3,
    });
    // The same three networks, from other addresses in them, an hour later: not counted.
    minutes(60);
    for (const address of ['203.0.113.77', '198.51.100.77', '2001:db8:5:1::77']) {
      await fileFrom(address);
      minutes(6);
    }
    expect(await page()).toEqual({ state: 'VISIBLE', listed: true, flag: null });
    // New networks still count: three of them hide it again.
    await fileFrom('192.0.2.1');
    minutes(6);
    expect((await page()).state).toBe('VISIBLE');
    await fileFrom('2001:db8:6::1');
    minutes(6);
    await fileFrom('100.64.0.1');
    expect((await page()).state).toBe('UNDER_REVIEW');
  });
});
