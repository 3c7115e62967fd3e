import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from 'playwright-core';

// Helpers for Studio's end-to-end tests: the running stack (global-setup.mjs) and a browser.

export const browserPath = process.env.FOLIO_E2E_BROWSER ?? '';
export const webUrl = process.env.FOLIO_E2E_WEB_URL ?? '';
export const studioUrl = process.env.FOLIO_E2E_STUDIO_URL ?? '';
const apiUrl = process.env.FOLIO_E2E_API_URL ?? '';
const databaseUrl = process.env.FOLIO_E2E_DATABASE_URL ?? '';
export const admin = {
  email: process.env.FOLIO_E2E_ADMIN_EMAIL ?? '',
  password: process.env.FOLIO_E2E_ADMIN_PASSWORD ?? '',
};

/** describe, or describe.skip when this machine has no Chromium (global-setup said so). */
export const describeInBrowser = browserPath ? describe : describe.skip;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: browserPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function newPage(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const context = await browser.newContext({ reducedMotion: 'reduce', ...options });
  const page = await context.newPage();
  page.on('dialog', (dialog) => {
    throw new Error(`unexpected dialog: ${dialog.message()}`);
  });
  return page;
}

/** Signs in through Studio's form; returns on the page Studio lands on. */
export async function signIn(page: Page, email = admin.email, password = admin.password) {
  await page.goto(`${studioUrl}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** A Studio account made with the project's own command, with a password of our choosing. */
export function createUser(
  role: 'editor' | 'moderator' | 'admin',
  password = 'a long enough password',
): { email: string; password: string } {
  const email = `e2e-${role}-${Math.random().toString(36).slice(2, 8)}@example.org`;
  execFileSync(
    process.execPath,
    [
      path.resolve(__dirname, '../../../api/dist/cli/create-user.js'),
      '--email',
      email,
      '--name',
      `E2E ${role}`,
      '--role',
      role,
      '--password-stdin',
    ],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      input: password,
      stdio: ['pipe', 'ignore', 'ignore'],
    },
  );
  return { email, password };
}

/** One GraphQL call to the API, as an integrator would make it. */
export async function graphql<T = any>(
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const response = await fetch(apiUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** A session token for the admin, straight from the API (to set up data quickly). */
export async function adminSession(): Promise<string> {
  const { signIn: result } = await graphql<{ signIn: { token: string } }>(
    'mutation ($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }',
    { e: admin.email, p: admin.password },
  );
  return result.token;
}

const axeSource = require.resolve('axe-core/axe.min.js');

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousViolations(page: Page) {
  await page.addScriptTag({ path: axeSource });
  const violations = await page.evaluate(async () => {
    const results = await (
      window as unknown as {
        axe: {
          run(): Promise<{
            violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown }> }>;
          }>;
        };
      }
    ).axe.run();
    return results.violations.map(({ id, impact, nodes }) => ({
      id,
      impact,
      targets: nodes.map((node) => JSON.stringify(node.target)).slice(0, 3),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Waits (30 s at most: a loaded machine is slow) until the locator's first match shows text. */
export async function waitForText(locator: Locator, text: RegExp | string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: 30_000 });
}
