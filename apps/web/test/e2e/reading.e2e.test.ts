import type { Browser } from 'playwright-core';
import { XMLParser } from 'fast-xml-parser';
import {
  createToken,
  describeInBrowser,
  graphql,
  launchBrowser,
  newPage,
  publishArticle,
  startReader,
  webUrl,
} from './stack';

let browser: Browser;
let editor: string;

describeInBrowser('reading the site', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    editor = createToken('editor');
    // Three more articles than the sample content, so the home page has a second page.
    for (const n of [1, 2, 3]) {
      await publishArticle(
        editor,
        `# Extra article ${n}\n\nA short piece.\n\n## Body\n\nWords about harbours.`,
      );
    }
  });
  afterAll(() => browser?.close());

  it('reads an article and follows its table of contents', async () => {
    const page = await newPage(browser);
    await page.goto(`${webUrl}/`);
    await page.getByRole('link', { name: 'How a City Learned to Love Its Night Buses' }).click();
    await page.waitForURL(/\/articles\/how-a-city-learned-to-love-its-night-buses$/);
    // Client-side navigation: the URL changes a moment before the new page renders.
    await page
      .getByRole('heading', { level: 1, name: 'How a City Learned to Love Its Night Buses' })
      .waitFor();
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.locator('h1').textContent()).toBe(
      'How a City Learned to Love Its Night Buses',
    );

    await page
      .getByRole('navigation', { name: 'Contents' })
      .getByRole('link', { name: 'What changed' })
      .click();
    await page.waitForURL(/#what-changed$/);
    await expectInViewport(page, '#what-changed-heading');
    const jsonLd = JSON.parse(
      (await page.locator('script[type="application/ld+json"]').textContent())!,
    );
    expect(jsonLd).toMatchObject({
      '@type': 'Article',
      headline: 'How a City Learned to Love Its Night Buses',
      author: { name: 'Ines Marlow' },
    });
    expect(await page.locator('link[rel="canonical"]').getAttribute('href')).toBe(
      `${webUrl}/articles/how-a-city-learned-to-love-its-night-buses`,
    );
    expect(await page.locator('meta[property="og:title"]').getAttribute('content')).toBe(
      'How a City Learned to Love Its Night Buses',
    );
  });

  it('styles every page, error pages too, and names its feed and icon once in the head', async () => {
    const page = await newPage(browser);
    for (const path of ['/articles/how-a-city-learned-to-love-its-night-buses', '/no-such-page']) {
      await page.goto(`${webUrl}${path}`);
      const head = await page.evaluate(() => {
        const links = [...document.head.querySelectorAll('link')].map((link) => ({
          rel: link.rel,
          href: link.getAttribute('href'),
          type: link.getAttribute('type'),
        }));
        const sheets = [...document.styleSheets].map((sheet) => sheet.cssRules.length);
        return { links, sheets };
      });
      expect(head.links.filter((link) => link.rel === 'stylesheet')).toEqual([
        {
          rel: 'stylesheet',
          href: expect.stringMatching(/^\/assets\/reader-.*\.css$/),
          type: null,
        },
      ]);
      // The stylesheet loaded and applies (a sheet with rules).
      expect(head.sheets).toHaveLength(1);
      expect(head.sheets[0]).toBeGreaterThan(10);
      expect(head.links.filter((link) => link.rel === 'alternate')).toEqual([
        { rel: 'alternate', href: '/feed.xml', type: 'application/rss+xml' },
      ]);
      expect(head.links.filter((link) => link.rel === 'icon')).toEqual([
        { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
      ]);
    }
  });

  it('pages through the home page', async () => {
    const page = await newPage(browser);
    await page.goto(`${webUrl}/`);
    const firstPage = await page.locator('.card-title a').allTextContents();
    expect(firstPage).toHaveLength(10);
    await page.getByRole('link', { name: 'Older articles →' }).click();
    await page.waitForURL(/\?after=/);
    await page.getByRole('heading', { level: 1, name: 'Older articles' }).waitFor();
    const secondPage = await page.locator('.card-title a').allTextContents();
    expect(secondPage.length).toBeGreaterThan(0);
    expect(secondPage.filter((title) => firstPage.includes(title))).toEqual([]);
  });

  it('searches and lands on the best section', async () => {
    const page = await newPage(browser);
    await page.goto(`${webUrl}/`);
    await page.getByRole('search').first().getByRole('searchbox').fill('sourdough starter');
    await page.getByRole('search').first().getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/search\?q=sourdough/);
    await page.getByRole('status').filter({ hasText: 'match' }).waitFor();
    expect(await page.locator('.search-result mark').count()).toBeGreaterThan(0);
    await page.locator('.search-result h2 a').first().click();
    await page.waitForURL(/\/articles\/why-your-sourdough-starter-sulks-in-winter#/);
  });

  it('shows a tag page', async () => {
    const page = await newPage(browser);
    const response = await page.goto(`${webUrl}/tags/accessibility`);
    expect(response!.status()).toBe(200);
    expect(await page.locator('.card-title a').allTextContents()).toEqual(
      expect.arrayContaining([
        'Designing Forms People Can Finish',
        'Writing Alt Text That Actually Helps',
      ]),
    );
  });

  it('answers 404 with a helpful page for unknown or hostile slugs', async () => {
    const page = await newPage(browser);
    for (const path of [
      '/articles/no-such-article',
      '/articles/..%2F..%2Fetc%2Fpasswd',
      '/articles/a%00b',
      `/articles/${'x'.repeat(5000)}`,
    ]) {
      const response = await page.goto(`${webUrl}${path}`);
      expect([path, response!.status()]).toEqual([path, 404]);
    }
    expect(await page.locator('h1').textContent()).toBe('Page not found');
    expect(await page.getByRole('link', { name: 'latest articles' }).count()).toBe(1);
  });

  it('shows a notice on a page under review, and 410 for a removed page', async () => {
    const moderator = createToken('moderator');
    const reviewed = await publishArticle(editor, '# Disputed claims\n\n## Claim\n\nSomething.');
    const removed = await publishArticle(editor, '# Copied article\n\n## Text\n\nNot ours.');
    await moderate(moderator, reviewed, 'KEEP_HIDDEN');
    await moderate(moderator, removed, 'REMOVE_ARTICLE');
    const page = await newPage(browser);
    await page.goto(`${webUrl}/articles/${reviewed.slug}`);
    expect(await page.getByRole('note').textContent()).toMatch(/Under review/);
    expect(await page.locator('h1').textContent()).toBe('Disputed claims');

    const response = await page.goto(`${webUrl}/articles/${removed.slug}`);
    expect(response!.status()).toBe(410);
    expect(await page.locator('h1').textContent()).toBe('This article has been removed');
    expect(await page.content()).not.toContain('Not ours.');
  });

  it('drops a cached page the moment a moderator removes it or an editor changes it', async () => {
    const moderator = createToken('moderator');
    const article = await publishArticle(editor, '# Cached claims\n\n## Claim\n\nOriginal words.');
    const url = `${webUrl}/articles/${article.slug}`;
    // Publishing is announced twice (by the API as it answers, then by PostgreSQL's
    // notification), and each announcement purges: read until the page is held.
    let cached = await fetch(url);
    for (let attempt = 0; attempt < 40 && cached.headers.get('x-cache') !== 'HIT'; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      cached = await fetch(url);
    }
    expect(cached.headers.get('x-cache')).toBe('HIT');
    expect(await cached.text()).toContain('Original words.');

    await graphql(
      'mutation ($id: ID!) { updateArticle(id: $id, input: { title: "Cached claims, corrected" }) { id } }',
      { id: article.id },
      editor,
    );
    // No waiting and no retry: once the API has answered, the old page is gone.
    expect(await (await fetch(url)).text()).toContain('Cached claims, corrected');

    await moderate(moderator, article, 'REMOVE_ARTICLE');
    const afterRemoval = await fetch(url);
    expect(afterRemoval.status).toBe(410);
    expect(await afterRemoval.text()).not.toContain('Original words.');
  });

  it('renders hostile stored content inert', async () => {
    const hostile = await publishArticle(
      editor,
      '# Hostile page\n\n## Payloads\n\n<script>alert(1)</script> and <img src=x onerror=alert(2)> and [click](javascript:alert(3)).',
    );
    const page = await newPage(browser); // fails on any dialog
    await page.goto(`${webUrl}/articles/${hostile.slug}`);
    const body = page.locator('#payloads');
    expect(await body.textContent()).toContain(
      '<script>alert(1)</script> and <img src=x onerror=alert(2)>',
    );
    expect(await body.locator('script, img').count()).toBe(0);
    expect(await body.locator('a[href^="javascript"]').count()).toBe(0);
  });

  it('serves a valid RSS feed and a sitemap with lastmod', async () => {
    const parser = new XMLParser({ ignoreAttributes: false });
    const feed = await fetch(`${webUrl}/feed.xml`);
    expect(feed.headers.get('content-type')).toMatch(/application\/rss\+xml/);
    const rss = parser.parse(await feed.text());
    expect(rss.rss['@_version']).toBe('2.0');
    expect(rss.rss.channel.item.length).toBeGreaterThanOrEqual(8);
    expect(rss.rss.channel.item[0]).toMatchObject({
      title: expect.any(String),
      link: expect.stringContaining(`${webUrl}/articles/`),
    });

    const sitemap = parser.parse(await (await fetch(`${webUrl}/sitemap.xml`)).text());
    const urls = sitemap.urlset.url as Array<{ loc: string; lastmod?: string }>;
    expect(urls.length).toBeGreaterThanOrEqual(13);
    expect(
      urls
        .filter((url) => url.loc.includes('/articles/'))
        .every((url) => !Number.isNaN(Date.parse(url.lastmod!))),
    ).toBe(true);
    expect(await (await fetch(`${webUrl}/robots.txt`)).text()).toContain(
      `Sitemap: ${webUrl}/sitemap.xml`,
    );
  });

  it('sends cache headers, answers 304 to a matching ETag, and never caches report pages', async () => {
    const url = `${webUrl}/articles/a-field-guide-to-urban-foxes`;
    const first = await fetch(url);
    expect(first.headers.get('cache-control')).toBe('public, no-cache');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"/);
    expect((await fetch(url, { headers: { 'If-None-Match': etag } })).status).toBe(304);
    const report = await fetch(`${url}/report`);
    expect(report.headers.get('cache-control')).toBe('private, no-store');
    expect(report.headers.get('etag')).toBeNull();
  });

  it('answers 503 with a friendly page, not a stack trace, when the API is down', async () => {
    const reader = await startReader({ FOLIO_API_URL: 'http://127.0.0.1:9/graphql' });
    try {
      const page = await newPage(browser);
      for (const path of ['/', '/articles/a-field-guide-to-urban-foxes', '/search?q=foxes']) {
        const response = await page.goto(`${reader.url}${path}`);
        expect([path, response!.status()]).toEqual([path, 503]);
        expect(await page.locator('h1').textContent()).toBe('Folio is briefly unavailable');
        expect(await page.content()).not.toMatch(/ECONNREFUSED|at .*\.js:\d+/);
      }
      expect((await fetch(`${reader.url}/health/ready`)).status).toBe(503);
      expect((await fetch(`${reader.url}/health/live`)).status).toBe(200);
    } finally {
      await reader.stop();
    }
  });

  it('sends security headers', async () => {
    const response = await fetch(`${webUrl}/`);
    expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self' 'nonce-/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });
});

async function expectInViewport(page: import('playwright-core').Page, selector: string) {
  const inView = await page.locator(selector).evaluate(
    (element) =>
      new Promise<boolean>((resolve) => {
        const observer = new IntersectionObserver(([entry]) => {
          resolve(entry!.isIntersecting);
          observer.disconnect();
        });
        observer.observe(element);
      }),
  );
  expect(inView).toBe(true);
}

/** A reader reports the article, and a moderator resolves that report with the action. */
async function moderate(
  moderator: string,
  article: { slug: string },
  action: 'KEEP_HIDDEN' | 'REMOVE_ARTICLE',
) {
  const { submitReport } = await graphql(
    'mutation ($input: SubmitReportInput!) { submitReport(input: $input) { receipt } }',
    {
      input: {
        articleSlug: article.slug,
        reason: 'COPYRIGHT',
        idempotencyKey: `e2e-${article.slug}`,
      },
    },
  );
  const { reports } = await graphql(
    '{ reports(filter: { status: OPEN }) { edges { node { id receipt } } } }',
    {},
    moderator,
  );
  const id = reports.edges.find((edge: any) => edge.node.receipt === submitReport.receipt).node.id;
  await graphql(
    'mutation ($id: ID!, $action: ModerationAction!) { resolveReport(id: $id, input: { action: $action, reasons: "Reviewed." }) { id } }',
    { id, action },
    moderator,
  );
}
