import type { Browser, Page } from 'playwright-core';
import { describeInBrowser, launchBrowser, newPage, webUrl } from './stack';

// The article body is rendered on the server and kept by the browser, not sent again as
// hydration data (app/lib/server-only-data.tsx): these prove a reader with JavaScript still
// gets the same body, the same client-side navigation, and every other article's body.
const SLUG = 'the-quiet-economics-of-seed-libraries';
let browser: Browser;

/** What a reader sees of an article's body: each section's id, heading and text. */
function bodyOf(page: Page) {
  return page
    .locator('.article-body > section')
    .evaluateAll((sections) =>
      sections.map((section) => ({ id: section.id, text: section.textContent })),
    );
}

async function hydrated(page: Page) {
  await page.waitForFunction(
    () =>
      (window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter
        ?.state.initialized === true,
  );
}

describeInBrowser('the article body after hydration', () => {
  let bodyWithoutJs: Array<{ id: string; text: string | null }>;

  beforeAll(async () => {
    browser = await launchBrowser();
    const page = await newPage(browser, { javaScriptEnabled: false });
    await page.goto(`${webUrl}/articles/${SLUG}`);
    bodyWithoutJs = await bodyOf(page);
    await page.context().close();
  });
  afterAll(() => browser?.close());

  it('is the server-rendered body, not sent again as data', async () => {
    const page = await newPage(browser);
    const html = await (await page.goto(`${webUrl}/articles/${SLUG}`))!.text();
    await hydrated(page);
    expect(bodyWithoutJs.length).toBeGreaterThan(1);
    expect(await bodyOf(page)).toEqual(bodyWithoutJs);
    // The page's data for hydration carries no body: a section's text appears once in the page.
    const hydrationData = await page.evaluate(() =>
      JSON.stringify(
        (window as unknown as { __remixContext: { state: unknown } }).__remixContext.state,
      ),
    );
    expect(hydrationData).toContain('"sections":null');
    // (letters and spaces only, which HTML writes as they are)
    const someText = (await page.locator('.article-body p').allTextContents())
      .map((text) => /[A-Za-z ]{30,}/.exec(text)?.[0])
      .find(Boolean)!;
    expect(html.split(someText).length - 1).toBe(1);
  });

  it('hands its links to client-side navigation, as the Remix links it was rendered with', async () => {
    const page = await newPage(browser);
    await page.goto(`${webUrl}/articles/${SLUG}`);
    await hydrated(page);
    // A marker on the window survives a client-side navigation, not a document load.
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await page
      .locator('#why-it-does-not-collapse')
      .getByRole('link', { name: /Report this section/ })
      .click();
    await page.waitForURL(/\/report\?section=why-it-does-not-collapse$/);
    await page.locator('#section').waitFor({ state: 'attached' });
    expect(await page.locator('#section').inputValue()).toBe('why-it-does-not-collapse');
    expect(await page.evaluate(() => 'sameDocument' in window)).toBe(true);

    // A section's own anchor still just scrolls.
    await page.goBack();
    await page.locator('#why-it-does-not-collapse-heading a').click();
    await page.waitForURL(/#why-it-does-not-collapse$/);
    expect(await bodyOf(page)).toEqual(bodyWithoutJs);
  });

  it('keeps the whole page when a reader follows the table of contents, and back', async () => {
    const page = await newPage(browser);
    await page.goto(`${webUrl}/articles/${SLUG}`);
    await hydrated(page);
    const toc = () => page.locator('nav.toc').evaluateAll((navs) => navs.map((n) => n.textContent));
    const tocBefore = await toc();
    expect(tocBefore).toHaveLength(1);
    const entry = page.locator('nav.toc a').nth(1);
    const anchor = (await entry.getAttribute('href'))!;
    await entry.click();
    await page.waitForURL(new RegExp(`${anchor}$`));
    expect(await toc()).toEqual(tocBefore);
    expect(await bodyOf(page)).toEqual(bodyWithoutJs);
    await page.goBack();
    await page.waitForURL(new RegExp(`/articles/${SLUG}$`));
    expect(await toc()).toEqual(tocBefore);
    expect(await bodyOf(page)).toEqual(bodyWithoutJs);
  });

  it('hydrates the plain links and search form the server rendered into Remix ones', async () => {
    // On the server, site links and the header's search form are rendered as plain HTML
    // (app/components/site-link.tsx); the browser must hydrate them without a mismatch, and
    // they must navigate on the client as the Remix components they become.
    const page = await newPage(browser);
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${webUrl}/articles/${SLUG}`);
    await hydrated(page);
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));

    const tag = page.locator('header .tags a').first();
    const tagHref = (await tag.getAttribute('href'))!;
    await tag.click();
    await page.waitForURL((url) => url.pathname === tagHref);
    await page.getByRole('link', { name: 'Folio', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('searchbox', { name: 'Search articles' }).fill('seed');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/search\?q=seed$/);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await page.evaluate(() => 'sameDocument' in window)).toBe(true);
    expect(problems).toEqual([]);
  });

  it('renders another article in full after a client-side navigation', async () => {
    const page = await newPage(browser);
    await page.goto(`${webUrl}/articles/${SLUG}`);
    await hydrated(page);
    const related = page.locator('.related .card-title a').first();
    const title = (await related.textContent())!;
    const href = (await related.getAttribute('href'))!;
    await related.click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();

    const other = await newPage(browser, { javaScriptEnabled: false });
    await other.goto(`${webUrl}${href}`);
    const expected = await bodyOf(other);
    expect(expected.length).toBeGreaterThan(0);
    expect(await bodyOf(page)).toEqual(expected);

    // And back: the first article's body again, from its data this time.
    await page.goBack();
    await page.getByRole('heading', { level: 1 }).filter({ hasNotText: title }).waitFor();
    await page.locator('.article-body > section').first().waitFor();
    expect(await bodyOf(page)).toEqual(bodyWithoutJs);
  });
});
