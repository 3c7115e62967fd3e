import type { Browser } from 'playwright-core';
import { describeInBrowser, launchBrowser, newPage, webUrl } from './stack';

const axeSource = require.resolve('axe-core/axe.min.js');
let browser: Browser;

describeInBrowser('accessibility (axe-core)', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it.each([
    ['home', '/'],
    ['article', '/articles/writing-alt-text-that-actually-helps'],
    ['search', '/search?q=foxes'],
    ['report', '/articles/writing-alt-text-that-actually-helps/report'],
    ['not found', '/articles/no-such-article'],
  ])(
    'finds no serious or critical violation on the %s page, light and dark',
    async (_name, path) => {
      for (const colorScheme of ['light', 'dark'] as const) {
        // axe is injected as a script, which the page's CSP would rightly refuse.
        const page = await newPage(browser, { bypassCSP: true, colorScheme });
        await page.goto(`${webUrl}${path}`);
        await page.addScriptTag({ path: axeSource });
        const violations = await page.evaluate(async () => {
          const results = await (
            window as unknown as {
              axe: {
                run(): Promise<{
                  violations: Array<{ id: string; impact: string; nodes: unknown[] }>;
                }>;
              };
            }
          ).axe.run();
          return results.violations.map(({ id, impact, nodes }) => ({
            id,
            impact,
            count: nodes.length,
          }));
        });
        expect({
          colorScheme,
          serious: violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
        }).toEqual({ colorScheme, serious: [] });
        await page.context().close();
      }
    },
  );

  it('has one h1, landmarks, a skip link and a layout that fits a 360 px phone', async () => {
    const page = await newPage(browser, { viewport: { width: 360, height: 740 } });
    await page.goto(`${webUrl}/articles/reading-weather-maps-without-a-meteorologist`);
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.locator('header.site-header, main, footer.site-footer').count()).toBe(3);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
  });
});
