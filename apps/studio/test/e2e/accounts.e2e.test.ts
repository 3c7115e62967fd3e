import type { Browser } from 'playwright-core';
import {
  admin,
  adminSession,
  createUser,
  describeInBrowser,
  graphql,
  launchBrowser,
  newPage,
  signIn,
  studioUrl,
  waitForText,
} from './stack';

let browser: Browser;

describeInBrowser('accounts and sessions in Studio', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('says the same thing for a wrong password and an unknown account, without JavaScript', async () => {
    const user = createUser('editor');
    const page = await newPage(browser, { javaScriptEnabled: false });
    const messages: string[] = [];
    for (const [email, password] of [
      [user.email, 'not the password at all'],
      ['nobody-here@example.org', 'not the password at all'],
    ]) {
      await page.goto(`${studioUrl}/sign-in`);
      await page.getByLabel('Email').fill(email!);
      await page.getByLabel('Password').fill(password!);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForLoadState();
      messages.push((await page.getByRole('alert').textContent()) ?? '');
      expect(await page.getByLabel('Email').inputValue()).toBe(email);
    }
    expect(messages[0]).toBe('That email and password do not match an account.');
    expect(messages[1]).toBe(messages[0]);
    await page.context().close();
  });

  it('keeps the session in an httpOnly, SameSite cookie and refuses a form without its CSRF token', async () => {
    const user = createUser('editor');
    const page = await newPage(browser);
    await signIn(page, user.email, user.password);
    const cookies = await page.context().cookies();
    const session = cookies.find((cookie) => cookie.name === 'folio_studio_session')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(cookies.find((cookie) => cookie.name === 'folio_studio_csrf')).toMatchObject({
      httpOnly: true,
    });

    // The signed-in browser posts a form without the token, as another site's page would.
    const forged = await page.request.post(`${studioUrl}/articles/new`, {
      form: { title: 'Forged article' },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(403);
    // And with a token that is not the cookie's.
    const wrong = await page.request.post(`${studioUrl}/articles/new`, {
      form: { title: 'Forged article', _csrf: 'x'.repeat(43) },
      maxRedirects: 0,
    });
    expect(wrong.status()).toBe(403);
    // From another origin, even with the right token.
    const token = await page.locator('input[name="_csrf"]').first().inputValue();
    const crossSite = await page.request.post(`${studioUrl}/articles/new`, {
      form: { title: 'Forged article', _csrf: token },
      headers: { origin: 'https://evil.example' },
      maxRedirects: 0,
    });
    expect(crossSite.status()).toBe(403);
    await page.context().close();
  });

  it('refuses pages of another role', async () => {
    const user = createUser('moderator');
    const page = await newPage(browser);
    await signIn(page, user.email, user.password);
    expect(new URL(page.url()).pathname).toBe('/moderation');
    const response = await page.goto(`${studioUrl}/admin/audit`);
    expect(response!.status()).toBe(403);
    expect(await page.locator('h1').textContent()).toBe('You may not do that');
    await page.context().close();
  });

  it('filters the audit log by who acted and by day, across every page the API holds', async () => {
    // An event by the admin (a token made through the API), and one by an editor's session.
    const session = await adminSession();
    const tokenName = `audit-filter-${Date.now()}`;
    await graphql(
      'mutation ($n: String!) { createApiToken(name: $n, role: EDITOR) { token } }',
      { n: tokenName },
      session,
    );
    const page = await newPage(browser);
    await signIn(page);
    await page.goto(`${studioUrl}/admin/audit`);
    const adminOption = page.locator('#audit-who option', { hasText: admin.email });
    await page.selectOption('#audit-who', (await adminOption.getAttribute('value'))!);
    await Promise.all([
      page.waitForURL(/[?&]who=user%3A/),
      page.getByRole('button', { name: 'Filter' }).click(),
    ]);
    await waitForText(page.getByRole('status'), /event/);
    const actors = await page.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(actors.length).toBeGreaterThan(0);
    const adminName = actors[0]!.trim();
    expect(actors.every((actor) => actor.trim() === adminName)).toBe(true);
    expect(await page.locator('tbody').textContent()).toContain('token.create');

    // A day range that ends before today holds none of these events.
    await page.goto(`${studioUrl}/admin/audit?to=2000-01-01`);
    expect(await page.getByRole('status').textContent()).toMatch(/^0 events/);
    await page.context().close();
  });

  it('changes the password, lists sessions, signs another out, and signs out', async () => {
    const user = createUser('editor');
    const laptop = await newPage(browser);
    const phone = await newPage(browser, { userAgent: 'PhoneBrowser/1.0' });
    await signIn(laptop, user.email, user.password);
    await signIn(phone, user.email, user.password);

    await laptop.goto(`${studioUrl}/account/sessions`);
    expect(await laptop.locator('tbody tr').count()).toBe(2);
    await laptop.getByRole('button', { name: 'Sign out this session' }).click();
    await waitForText(laptop.getByRole('status'), /signed out/);
    expect(await laptop.locator('tbody tr').count()).toBe(1);
    // The phone's session has ended: its next page asks it to sign in again.
    await phone.goto(`${studioUrl}/articles`);
    expect(new URL(phone.url()).pathname).toBe('/sign-in');
    expect(await phone.getByRole('status').textContent()).toMatch(/session has ended/);

    await laptop.goto(`${studioUrl}/account/password`);
    await laptop.getByLabel('Current password').fill(user.password);
    await laptop.getByLabel('New password', { exact: true }).fill('an even longer new password');
    await laptop.getByLabel('New password again').fill('an even longer new password');
    await laptop.getByRole('button', { name: 'Change password' }).click();
    await waitForText(laptop.getByRole('status'), /Password changed/);

    await laptop.getByRole('button', { name: 'Sign out' }).click();
    await waitForText(laptop.getByRole('status'), /You have signed out/);
    await laptop.goto(`${studioUrl}/articles`);
    expect(new URL(laptop.url()).pathname).toBe('/sign-in');

    await signIn(phone, user.email, 'an even longer new password');
    expect(new URL(phone.url()).pathname).toBe('/articles');
    await laptop.context().close();
    await phone.context().close();
  });
});
