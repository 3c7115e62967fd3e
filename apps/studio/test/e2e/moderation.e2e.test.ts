import type { Browser, Page } from 'playwright-core';
import {
  adminSession,
  createUser,
  describeInBrowser,
  graphql,
  launchBrowser,
  newPage,
  signIn,
  studioUrl,
  waitForText,
  webUrl,
} from './stack';

let browser: Browser;

/** A published article with two sections, made through the API. */
async function publishedArticle(title: string): Promise<string> {
  const token = await adminSession();
  const { createArticle } = await graphql(
    'mutation ($md: String!) { createArticle(input: { markdown: $md }) { id slug } }',
    { md: `# ${title}\n\nOpening words.\n\n## The claim\n\nThe moon is made of cheese.` },
    token,
  );
  await graphql(
    'mutation ($id: ID!) { publishArticle(id: $id) { id } }',
    { id: createArticle.id },
    token,
  );
  return createArticle.slug;
}

/** Files a report of one section through the reader's own form; returns the receipt page. */
async function reportSection(page: Page, slug: string): Promise<string> {
  await page.goto(`${webUrl}/articles/${slug}`);
  await page
    .locator('#the-claim')
    .getByRole('link', { name: /Report this section/ })
    .click();
  await page.waitForURL(/\/report\?section=the-claim$/);
  await page.getByLabel('False information').check();
  await page.getByLabel('Details').fill('This is plainly false and presented as fact.');
  await page.getByRole('button', { name: 'Send report' }).click();
  await page.getByTestId('receipt').waitFor({ timeout: 30_000 });
  return page.url();
}

describeInBrowser('moderating in Studio', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('works a report from the reader to a decision, the statement on the receipt, then an appeal to another moderator', async () => {
    const slug = await publishedArticle('Lunar geology for beginners');
    const reader = await newPage(browser);
    const receiptUrl = await reportSection(reader, slug);

    // The moderator finds it in the queue, grouped by page and section.
    const first = createUser('moderator');
    const moderator = await newPage(browser);
    await signIn(moderator, first.email, first.password);
    await moderator.goto(`${studioUrl}/moderation?order=most`);
    const group = moderator.locator('.queue-group', { hasText: 'Lunar geology for beginners' });
    await group.waitFor();
    expect(await group.textContent()).toMatch(/Section #the-claim: 1 from 1/);
    expect(await group.textContent()).toMatch(/Misinformation/);

    // Keyboard: j moves to the first page in the queue, o opens it.
    await moderator.keyboard.press('j');
    const opened = moderator.waitForURL(/\/moderation\/pages\//);
    await moderator.getByRole('link', { name: 'Lunar geology for beginners' }).click();
    await opened;
    await moderator.locator('[data-reported="true"]').waitFor();
    expect(await moderator.locator('[data-reported="true"]').getAttribute('id')).toBe('the-claim');

    // r chooses "Remove" and fills in its template, which the moderator edits.
    await moderator.locator('body').click({ position: { x: 5, y: 5 } });
    await moderator.keyboard.press('r');
    expect(await moderator.getByLabel(/^Remove/).isChecked()).toBe(true);
    const statement = moderator.getByLabel('Statement of reasons');
    expect((await statement.inputValue()).length).toBeGreaterThan(20);
    await statement.fill('The section states as fact that the moon is made of cheese. It is not.');
    await moderator.getByRole('button', { name: 'Decide' }).click();
    await waitForText(moderator.getByRole('status'), /Remove: “Lunar geology for beginners”/);
    expect((await fetch(`${webUrl}/articles/${slug}`)).status).toBe(410);

    // The reporter sees the decision, its date and the statement, and how to appeal.
    await reader.goto(receiptUrl);
    expect(await reader.getByTestId('decision').textContent()).toMatch(/removed/);
    expect(await reader.getByTestId('statement').textContent()).toBe(
      'The section states as fact that the moon is made of cheese. It is not.',
    );
    await reader.getByRole('link', { name: 'Appeal this decision' }).click();
    await reader
      .getByLabel('Why should the decision change?')
      .fill('I reported it, but on reflection the article is satire and says so.');
    await reader.getByRole('button', { name: 'Send appeal' }).click();
    await waitForText(reader.getByTestId('appeal-status'), /waiting for a moderator/);

    // The same moderator may not decide the appeal; another one does.
    await moderator.goto(`${studioUrl}/moderation/appeals`);
    const appeal = moderator.locator('article.queue-group', {
      hasText: 'on reflection the article is satire',
    });
    await appeal.waitFor();
    await appeal.getByLabel(/^Reverse it/).check();
    await appeal.getByLabel('New decision (when reversing)').selectOption('RESTORE_ARTICLE');
    await appeal
      .getByLabel('Reasons the appellant will read')
      .fill('Trying to review my own decision.');
    await appeal.getByRole('button', { name: 'Decide the appeal' }).click();
    await appeal.getByRole('alert').waitFor({ timeout: 30_000 });
    expect(await appeal.getByRole('alert').textContent()).toMatch(
      /different moderator|own decision|made the decision/i,
    );

    const second = createUser('moderator');
    const reviewer = await newPage(browser);
    await signIn(reviewer, second.email, second.password);
    await reviewer.goto(`${studioUrl}/moderation/appeals`);
    const same = reviewer.locator('article.queue-group', {
      hasText: 'on reflection the article is satire',
    });
    await same.getByLabel(/^Reverse it/).check();
    await same.getByLabel('New decision (when reversing)').selectOption('RESTORE_ARTICLE');
    await same
      .getByLabel('Reasons the appellant will read')
      .fill('On review the page is clearly marked as satire, so it is restored.');
    await same.getByRole('button', { name: 'Decide the appeal' }).click();
    await waitForText(reviewer.getByRole('status'), /reversed/);
    expect((await fetch(`${webUrl}/articles/${slug}`)).status).toBe(200);

    await reader.goto(receiptUrl);
    expect(await reader.getByTestId('appeal-status').textContent()).toMatch(/changed the decision/);

    // The transparency report counts it, and its CSV says the same.
    await reviewer.goto(`${studioUrl}/moderation/transparency`);
    expect(await reviewer.locator('#appeals-title').textContent()).toMatch(/Appeals: [1-9]/);
    const csv = await reviewer.request.get(`${studioUrl}/moderation/transparency.csv`);
    expect(csv.headers()['content-type']).toMatch(/text\/csv/);
    expect(await csv.text()).toMatch(/appeals,reversed,[1-9]/);
    for (const page of [reader, moderator, reviewer]) await page.context().close();
  });
});
