import type { Browser, Page } from 'playwright-core';
import {
  createUser,
  describeInBrowser,
  launchBrowser,
  newPage,
  signIn,
  studioUrl,
  waitForText,
  webUrl,
} from './stack';

let browser: Browser;
let editor: { email: string; password: string };

/** Creates a draft through Studio's form; returns its editor page's slug. */
async function createDraft(page: Page, title: string, body: string): Promise<string> {
  await page.goto(`${studioUrl}/articles/new`);
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Summary').fill(`A summary of ${title}.`);
  await page.getByLabel('Tags').fill('studio, testing');
  await page.getByLabel('Heading (optional for an opening section)').fill('Opening');
  await page.getByLabel('Text (Markdown)').fill(body);
  await page.getByRole('button', { name: 'Create draft' }).click();
  await page.waitForURL(
    (url) => /^\/articles\/[a-z0-9-]+$/.test(url.pathname) && url.pathname !== '/articles/new',
  );
  await waitForText(page.getByRole('status'), /Draft created/);
  return new URL(page.url()).pathname.split('/').pop()!;
}

describeInBrowser('writing in Studio', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    editor = createUser('editor');
  });
  afterAll(() => browser?.close());

  it('sends a signed-out visitor to sign in, and back where they were going', async () => {
    const page = await newPage(browser);
    await page.goto(`${studioUrl}/articles/new`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.getByLabel('Email').fill(editor.email);
    await page.getByLabel('Password').fill(editor.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Remix navigates on the client: the address changes before the page does.
    await waitForText(page.locator('h1'), 'New article');
    expect(page.url()).toBe(`${studioUrl}/articles/new`);
    await page.context().close();
  });

  it('writes a draft with a live preview, publishes it and the reader shows it', async () => {
    const page = await newPage(browser);
    await signIn(page, editor.email, editor.password);
    const slug = await createDraft(page, 'Gulls of the harbour', 'Gulls *wheel* over the quay.');
    expect(await page.getByRole('status').first().textContent()).toMatch(/Draft created/);

    // The reader does not have it yet.
    expect((await fetch(`${webUrl}/articles/${slug}`)).status).toBe(404);

    // The preview follows the typing, rendered by the reader's own components.
    const textarea = page.locator('textarea[name^="markdown-"]').first();
    await textarea.fill('Gulls **wheel** over the quay at dawn.');
    const preview = page.locator('.editor-preview');
    await waitForText(preview.locator('strong'), 'wheel');
    expect(await preview.textContent()).toContain('over the quay at dawn.');

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForLoadState();
    await waitForText(page.getByRole('status'), /Saved/);

    // A second section, added then moved to the top.
    await page.locator('#new-heading').fill('Tide tables');
    await page.locator('#new-markdown').fill('High water at *six*.');
    await page.getByRole('button', { name: 'Add section' }).click();
    await page.locator('fieldset.section-editor').nth(1).waitFor();
    await page.getByRole('button', { name: 'Move up section 2' }).click();
    await waitForText(
      page.locator('fieldset.section-editor legend').first(),
      /^Section 1: Tide tables$/,
    );

    await page.getByRole('button', { name: 'Publish now' }).click();
    await waitForText(page.getByRole('status'), /Published/);

    const reader = await newPage(browser);
    await reader.goto(`${webUrl}/articles/${slug}`);
    expect(await reader.locator('h1').textContent()).toBe('Gulls of the harbour');
    expect(await reader.locator('.article-body h2').allTextContents()).toEqual([
      'Tide tables',
      'Opening',
    ]);
    expect(await reader.locator('.article-body strong').first().textContent()).toBe('wheel');
    await reader.context().close();
    await page.context().close();
  });

  it('schedules an article, which the reader does not show before its time', async () => {
    const page = await newPage(browser);
    await signIn(page, editor.email, editor.password);
    const slug = await createDraft(page, 'Winter timetable', 'Ferries run less often.');
    await page.getByLabel('Publish at (UTC)').fill('2031-01-15T09:30');
    await page.getByRole('button', { name: 'Schedule' }).click();
    await waitForText(page.getByRole('status'), /Scheduled for 15 Jan 2031, 09:30 UTC/);
    expect(await page.locator('.badge').first().textContent()).toBe('scheduled');
    expect((await fetch(`${webUrl}/articles/${slug}`)).status).toBe(404);
    await page.context().close();
  });

  it('shows what changed between revisions and restores an earlier one', async () => {
    const page = await newPage(browser);
    await signIn(page, editor.email, editor.password);
    const slug = await createDraft(page, 'Harbour lights', 'The red light is to port.');
    await page.locator('textarea[name^="markdown-"]').first().fill('The green light is to port.');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await waitForText(page.getByRole('status'), /Saved/);

    await page.getByRole('link', { name: 'Revisions' }).click();
    const diff = page.getByTestId('diff');
    await diff.waitFor({ timeout: 30_000 });
    expect(page.url()).toBe(`${studioUrl}/articles/${slug}/revisions`);
    expect(await diff.locator('del').allTextContents()).toContain('red');
    expect(await diff.locator('ins').allTextContents()).toContain('green');

    await page.getByRole('button', { name: 'Restore revision 1' }).click();
    await waitForText(page.getByRole('status'), /Revision 1 restored/);
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    await page.locator('#title').waitFor();
    expect(await page.locator('textarea[name^="markdown-"]').first().inputValue()).toBe(
      'The red light is to port.',
    );
    await page.context().close();
  });

  it('tells the second of two editors saving at once what changed, and keeps their text', async () => {
    const first = await newPage(browser);
    await signIn(first, editor.email, editor.password);
    const slug = await createDraft(first, 'Two editors', 'First text.');
    const second = await newPage(browser);
    await signIn(second, editor.email, editor.password);
    await second.goto(`${studioUrl}/articles/${slug}`);

    await first.getByLabel('Title').fill('Two editors, one article');
    await first.getByRole('button', { name: 'Save', exact: true }).click();
    await waitForText(first.getByRole('status'), /Saved/);

    await second.getByLabel('Title').fill('Two editors at odds');
    await second.getByRole('button', { name: 'Save', exact: true }).click();
    const alert = second.locator('.conflict');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toMatch(/Someone else saved this article/);
    expect(await alert.locator('tbody tr').first().textContent()).toContain(
      'Two editors, one article',
    );
    expect(await second.getByLabel('Title').inputValue()).toBe('Two editors at odds');
    await first.context().close();
    await second.context().close();
  });

  it('shares a preview link of a draft that opens signed out, and stops when revoked', async () => {
    const page = await newPage(browser);
    await signIn(page, editor.email, editor.password);
    const slug = await createDraft(page, 'Secret plans', 'Not for readers yet.');
    await page.getByRole('link', { name: 'Preview links' }).click();
    await page.getByRole('button', { name: 'Create preview link' }).click();
    const link = page.getByTestId('preview-url').first();
    await link.waitFor({ timeout: 30_000 });
    const url = (await link.getAttribute('href'))!;
    expect(url.startsWith(`${webUrl}/preview/`)).toBe(true);

    const stranger = await newPage(browser);
    const response = await stranger.goto(url);
    expect(response!.status()).toBe(200);
    expect(response!.headers()['cache-control']).toBe('private, no-store');
    expect(response!.headers()['x-robots-tag']).toMatch(/noindex/);
    expect(await stranger.getByTestId('preview-banner').textContent()).toMatch(/Preview/);
    expect(await stranger.locator('h1').textContent()).toBe('Secret plans');
    expect(await stranger.locator('meta[name="robots"]').getAttribute('content')).toMatch(
      /noindex/,
    );
    expect(await stranger.getByText('Report this section').count()).toBe(0);
    // Still a draft for everyone else.
    expect((await fetch(`${webUrl}/articles/${slug}`)).status).toBe(404);

    await page.getByRole('button', { name: 'Revoke this link' }).click();
    await waitForText(page.getByRole('status'), /revoked/);
    expect((await stranger.goto(url))!.status()).toBe(404);
    await stranger.context().close();
    await page.context().close();
  });
});
