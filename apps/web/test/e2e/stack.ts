import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { Client } from 'pg';

// Helpers for the end-to-end tests: the running stack (from global-setup.mjs) and a browser.

export const browserPath = process.env.FOLIO_E2E_BROWSER ?? '';
export const webUrl = process.env.FOLIO_E2E_WEB_URL ?? '';
export const apiUrl = process.env.FOLIO_E2E_API_URL ?? '';
const databaseUrl = process.env.FOLIO_E2E_DATABASE_URL ?? '';

/**
 * describe, or describe.skip when this machine has no Chromium: global-setup has printed a
 * loud notice saying how to install one, and under CI=true it failed the run instead.
 */
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
  // Reduced motion: anchors jump instead of scrolling smoothly, so positions can be checked.
  const context = await browser.newContext({ reducedMotion: 'reduce', ...options });
  const page = await context.newPage();
  page.on('dialog', (dialog) => {
    throw new Error(`unexpected dialog: ${dialog.message()}`);
  });
  return page;
}

/** A token made with the project's own CLI, against the test stack's database. */
export function createToken(role: 'editor' | 'moderator' | 'admin'): string {
  const cli = path.resolve(__dirname, '../../../api/dist/cli/create-token.js');
  const name = `e2e-${role}-${Math.random().toString(36).slice(2, 8)}`;
  return execFileSync(process.execPath, [cli, '--name', name, '--role', role], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'ignore'],
  })
    .toString()
    .trim();
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

/** Creates and publishes an article through the API; returns its slug. */
export async function publishArticle(
  editorToken: string,
  markdown: string,
): Promise<{ id: string; slug: string }> {
  const { createArticle } = await graphql(
    'mutation ($md: String!) { createArticle(input: { markdown: $md }) { id slug } }',
    { md: markdown },
    editorToken,
  );
  await graphql(
    'mutation ($id: ID!) { publishArticle(id: $id) { id } }',
    { id: createArticle.id },
    editorToken,
  );
  return createArticle;
}

export async function sql<T = any>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * Another reader process on a free port, e.g. pointed at an API that is not there. Its log
 * lines (JSON, from pino) are kept for logs() when env sets LOG_LEVEL.
 */
export async function startReader(env: Record<string, string>): Promise<{
  url: string;
  stop(): Promise<void>;
  logs(): Array<Record<string, unknown>>;
  stderr(): string;
}> {
  const { spawn } = await import('node:child_process');
  const { createServer } = await import('node:net');
  const port: number = await new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
  const child = spawn(process.execPath, [path.resolve(__dirname, '../../dist/server.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'silent',
      // Production refuses to start without a real forwarding secret.
      FORWARDED_ADDRESS_SECRET: 'e2e-lone-reader-forwarding-0123456789abcdef',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errorOutput = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (errorOutput += chunk));
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt++) {
    if ((await fetch(`${url}/health/live`).catch(() => null))?.ok) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    stderr: () => errorOutput,
    logs: () =>
      output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
