import type { Browser, Page } from 'playwright-core';
import { describeInBrowser, launchBrowser, newPage, sql, webUrl } from './stack';

const SLUG = 'the-quiet-economics-of-seed-libraries';
let browser: Browser;

const reportsFor = async (slug: string) =>
  (
    await sql<{ n: number }>(
      'SELECT count(*)::int AS n FROM reports r JOIN articles a ON a.id = r.article_id WHERE a.slug = $1',
      [slug],
    )
  )[0]!.n;

async function reportSectionFromArticle(page: Page) {
  await page.goto(`${webUrl}/articles/${SLUG}`);
  await page
    .locator('#why-it-does-not-collapse')
    .getByRole('link', { name: /Report this section/ })
    .click();
  await page.waitForURL(/\/report\?section=why-it-does-not-collapse$/);
  expect(await page.locator('#section').inputValue()).toBe('why-it-does-not-collapse');
}

describeInBrowser('reporting a page', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('works without JavaScript: inline errors keep the text, then a receipt', async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    const before = await reportsFor(SLUG);
    await reportSectionFromArticle(page);

    await page.getByLabel('Details').fill('The figures in this section look invented.');
    await page.getByLabel('Your email').fill('not-an-email');
    await page.getByRole('button', { name: 'Send report' }).click();
    await page.waitForLoadState();
    expect(await page.getByRole('alert').textContent()).toMatch(/Choose the reason that fits best/);
    expect(await page.locator('#contactEmail-error').textContent()).toMatch(
      /Enter an email address/,
    );
    expect(await page.getByLabel('Details').inputValue()).toBe(
      'The figures in this section look invented.',
    );
    expect(await page.locator('#section').inputValue()).toBe('why-it-does-not-collapse');
    expect(await reportsFor(SLUG)).toBe(before);

    await page.getByLabel('False information').check();
    await page.getByLabel('Your email').fill('');
    await page.getByRole('button', { name: 'Send report' }).click();
    await page.waitForURL(/\/reports\/R-[0-9A-Z]{10}$/);
    expect(await page.getByTestId('status').textContent()).toBe(
      'Received. It is waiting for a moderator.',
    );
    const receipt = await page.getByTestId('receipt').textContent();
    const [row] = await sql(
      'SELECT reason, section_anchor, details FROM reports WHERE receipt = $1',
      [receipt],
    );
    expect(row).toEqual({
      reason: 'misinformation',
      section_anchor: 'why-it-does-not-collapse',
      details: 'The figures in this section look invented.',
    });

    await page.reload(); // POST/redirect/GET: a reload resubmits nothing
    expect(await reportsFor(SLUG)).toBe(before + 1);
  });

  it('with JavaScript, a double click files one report', async () => {
    const page = await newPage(browser);
    const before = await reportsFor(SLUG);
    await page.goto(`${webUrl}/articles/${SLUG}/report`);
    await page.getByLabel('Spam or scam').check();
    await page.getByRole('button', { name: 'Send report' }).dblclick();
    await page.waitForURL(/\/reports\/R-[0-9A-Z]{10}$/);
    await page.getByRole('heading', { level: 1, name: 'Thank you for your report' }).waitFor();
    expect(await reportsFor(SLUG)).toBe(before + 1);
  });

  it('refuses a forged key, an unknown reason or 10,001 characters, keeping the text and storing nothing', async () => {
    const before = await reportsFor(SLUG);
    const post = (fields: Record<string, string>) =>
      fetch(`${webUrl}/articles/${SLUG}/report`, {
        method: 'POST',
        body: new URLSearchParams(fields),
        redirect: 'manual',
      });
    const key = '0b7a2c1e-6d52-4a8f-9e3b-1c2d3e4f5a6b';

    const forged = await post({ reason: 'SPAM', idempotencyKey: '<script>' });
    expect(forged.status).toBe(400);
    expect(await forged.text()).toMatch(/form had expired/);
    const missing = await post({ reason: 'SPAM' });
    expect(missing.status).toBe(400);
    const unknown = await post({ reason: 'BORED', idempotencyKey: key, details: 'kept words' });
    expect(unknown.status).toBe(400);
    const unknownHtml = await unknown.text();
    expect(unknownHtml).toMatch(/Choose the reason that fits best/);
    expect(unknownHtml).toContain('kept words');
    const long = await post({ reason: 'OTHER', idempotencyKey: key, details: 'x'.repeat(10_001) });
    expect(long.status).toBe(400);
    expect(await long.text()).toMatch(/2000 characters or fewer/);
    expect(await reportsFor(SLUG)).toBe(before);
  });

  it('shows 404 for an unknown receipt', async () => {
    const response = await fetch(`${webUrl}/reports/R-0000000000`);
    expect(response.status).toBe(404);
  });
});
