import { createHash } from 'node:crypto';
import { captureLogs, type CapturedLogs } from '../captured-logs.js';
import { watchContentNotifications } from '../content-notifications.js';
import { contentVersion, waitForContentVersion } from '../content-version.js';
import { startTestApi, type TestApi } from '../test-api.js';
import type { TestDatabase } from '../test-database.js';

// Sends hostile requests to a real API over HTTP and checks, for each, what an attacker must
// never get: a server error, an error-level log line, a stored row, or a moved content version
// (which would empty the response cache and make every reader purge its pages).

export interface HostileCase {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  /** GET sends the operation in the URL, as a CDN-cacheable client would. */
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Sent as an automatic persisted query (hash alongside the query). */
  persisted?: boolean;
  /** With `persisted`: send the hash only, as a client does once the query is registered. */
  hashOnly?: boolean;
  /** The error code expected on the first error; null: answered without error. */
  code: string | null;
  /** The HTTP status expected (default: 400 when refused before execution, else 200). */
  status?: number;
  /** Refused before any resolver or SQL (400): no statement at all may run. */
  beforeExecution?: boolean;
  /** Refused by a resolver's own checks, still before any SQL statement. */
  noSql?: boolean;
  message?: RegExp;
  /** Further checks on the answer's data. */
  check?: (data: Record<string, any> | null | undefined) => void;
}

/** Tables whose rows an attacker must never add, change the number of, or delete. */
const TABLES = [
  'articles',
  'sections',
  'tags',
  'article_tags',
  'article_revisions',
  'reports',
  'audit_events',
  'api_tokens',
] as const;

export interface HostileRun {
  api: TestApi;
  logs: CapturedLogs;
  tried: number;
  refused: number;
  rowsLost: number;
  attempt(hostile: HostileCase): Promise<void>;
  close(): Promise<void>;
  summary(): string;
}

async function rowCounts(db: TestDatabase): Promise<Record<string, number>> {
  const [counts] = await db.dataSource.query(
    `SELECT ${TABLES.map((table) => `(SELECT count(*)::int FROM ${table}) AS ${table}`).join(', ')}`,
  );
  return counts;
}

export async function startHostileRun(
  db: TestDatabase,
  env: Record<string, string> = {},
): Promise<HostileRun> {
  const logs = captureLogs();
  const api = await startTestApi(db, env, undefined, logs.logger);
  const watcher = await watchContentNotifications(db.dataSource);
  /**
   * Checks that PostgreSQL announced no change since the last call. Its barrier notification
   * moves the API's version by one too: wait for the API to have counted it, so that the next
   * case starts from a settled version.
   */
  const noChangeAnnounced = async () => {
    const version = await contentVersion(api.url);
    expect(await watcher.since()).toEqual([]);
    await waitForContentVersion(api.url, version + 1);
  };
  await noChangeAnnounced();
  const run: HostileRun = {
    api,
    logs,
    tried: 0,
    refused: 0,
    rowsLost: 0,
    async attempt(hostile) {
      const before = await rowCounts(db);
      const version = await contentVersion(api.url);
      logs.clear();
      db.statements.reset();

      const { status, body } = await send(api.url, hostile);
      const statements = db.statements.count;
      run.tried += 1;

      const after = await rowCounts(db);
      const changed = TABLES.reduce(
        (sum, table) => sum + Math.abs(after[table]! - before[table]!),
        0,
      );
      run.rowsLost += changed;
      const code = body.errors?.[0]?.extensions?.code ?? null;
      if (code !== null) run.refused += 1;

      const outcome = {
        status,
        code,
        message: body.errors?.[0]?.message,
        statements,
        errorLogs: logs.errors(),
        rowsChanged: changed,
      };
      const expected = {
        status: hostile.status ?? (hostile.beforeExecution ? 400 : 200),
        code: hostile.code,
        message: hostile.message ? expect.stringMatching(hostile.message) : outcome.message,
        statements: hostile.beforeExecution || hostile.noSql ? 0 : outcome.statements,
        errorLogs: [],
        rowsChanged: 0,
      };
      expect(outcome).toEqual(expected);
      hostile.check?.(body.data);
      // The version the readers follow did not move, and PostgreSQL announced no change.
      expect(await contentVersion(api.url)).toBe(version);
      await noChangeAnnounced();
    },
    async close() {
      await watcher.close();
      await api.close();
    },
    summary: () =>
      `hostile inputs: ${run.tried} cases tried, ${run.refused} refused, ${run.rowsLost} rows lost`,
  };
  return run;
}

async function send(
  url: string,
  hostile: HostileCase,
): Promise<{
  status: number;
  body: { data?: any; errors?: Array<{ message: string; extensions?: any }> };
}> {
  const extensions = hostile.persisted
    ? {
        persistedQuery: {
          version: 1,
          sha256Hash: createHash('sha256').update(hostile.query).digest('hex'),
        },
      }
    : undefined;
  let response: Response;
  if (hostile.method === 'GET') {
    const params = new URLSearchParams(hostile.hashOnly ? {} : { query: hostile.query });
    if (hostile.variables) params.set('variables', JSON.stringify(hostile.variables));
    if (extensions) params.set('extensions', JSON.stringify(extensions));
    response = await fetch(`${url}/graphql?${params}`, {
      // Apollo's CSRF prevention wants a header a browser form cannot send.
      headers: { 'apollo-require-preflight': 'true', ...hostile.headers },
    });
  } else {
    response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...hostile.headers },
      body: JSON.stringify({
        query: hostile.hashOnly ? undefined : hostile.query,
        variables: hostile.variables,
        extensions,
      }),
    });
  }
  return { status: response.status, body: (await response.json()) as any };
}
