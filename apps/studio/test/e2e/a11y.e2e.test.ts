import type { Browser, Page } from 'playwright-core';
import {
  adminSession,
  describeInBrowser,
  graphql,
  launchBrowser,
  newPage,
  seriousViolations,
  signIn,
  studioUrl,
} from './stack';

let browser: Browser;
let page: Page;
let slug: string;

describeInBrowser('accessibility of every Studio page (axe-core)', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    const token = await adminSession();
    const { createArticle } = await graphql(
      'mutation ($md: String!) { createArticle(input: { markdown: $md }) { id slug } }',
      { md: '# Axe check\n\nOpening words.\n\n## A section\n\nWith *some* text.' },
      token,
    );
    slug = createArticle.slug;
    await graphql(
      'mutation ($id: ID!) { publishArticle(id: $id) { id } }',
      { id: createArticle.id },
      token,
    );
    await graphql(
      'mutation ($input: SubmitReportInput!) { submitReport(input: $input) { receipt } }',
      {
        input: {
          articleSlug: slug,
          sectionAnchor: 'a-section',
          reason: 'SPAM',
          details: 'Looks like an advert.',
          idempotencyKey: `axe-${Date.now()}`,
        },
      },
    );
    await graphql(
      'mutation ($id: ID!) { updateArticle(id: $id, input: { title: "Axe check, again" }) { id } }',
      { id: createArticle.id },
      token,
    );
    // axe is injected as a script, which Studio's CSP would rightly refuse.
    page = await newPage(browser, { bypassCSP: true });
  });
  afterAll(() => browser?.close());

  it('finds none on the sign-in page', async () => {
    const signedOut = await newPage(browser, { bypassCSP: true });
    await signedOut.goto(`${studioUrl}/sign-in`);
    expect(await seriousViolations(signedOut)).toEqual([]);
    await signedOut.context().close();
  });

  it.each([
    ['articles', () => '/articles'],
    ['article search', () => '/articles?q=axe'],
    ['new article', () => '/articles/new'],
    ['editor', () => `/articles/${slug}`],
    ['revisions', () => `/articles/${slug}/revisions`],
    ['preview links', () => `/articles/${slug}/previews`],
    ['moderation queue', () => '/moderation'],
    ['moderation page', () => `/moderation/pages/${slug}`],
    ['appeals', () => '/moderation/appeals'],
    ['transparency report', () => '/moderation/transparency'],
    ['account', () => '/account'],
    ['change password', () => '/account/password'],
    ['sessions', () => '/account/sessions'],
    ['audit log', () => '/admin/audit'],
    ['staff accounts', () => '/admin/users'],
    ['API tokens', () => '/admin/tokens'],
  ])('finds none on the %s page, light and dark', async (_name, path) => {
    if (!page.url().startsWith(studioUrl)) await signIn(page);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const response = await page.goto(`${studioUrl}${path()}`);
      expect(response!.status()).toBe(200);
      expect({ colorScheme, serious: await seriousViolations(page) }).toEqual({
        colorScheme,
        serious: [],
      });
    }
  });

  it('has one main landmark, a navigation and a skip link on every page', async () => {
    await page.goto(`${studioUrl}/articles`);
    expect(await page.locator('main').count()).toBe(1);
    expect(await page.getByRole('navigation', { name: 'Studio' }).count()).toBe(1);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
  });
});
