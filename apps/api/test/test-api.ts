import type { AddressInfo } from 'node:net';
import { createServer as createHttpServer, type Server } from 'node:http';
import pino, { type Logger } from 'pino';
import { parseEnv, type Env } from '../src/env.js';
import { createServer } from '../src/server.js';
import type { Clock } from '../src/modules/moderation/clock.js';
import type { TestDatabase } from './test-database.js';

export interface GraphQLResponse<TData = Record<string, unknown>> {
  status: number;
  data?: TData | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, any> }>;
}

export interface TestApi {
  url: string;
  /** POSTs one operation over real HTTP, as a client would; headers e.g. for a token. */
  query<TData = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<TData>>;
  close(): Promise<void>;
}

export const TEST_FORWARDING_SECRET = 'test-forwarding-secret-0123456789';

/** The API's environment as the app would parse it, with test overrides. */
export function testEnv(overrides: Record<string, string> = {}): Env {
  return parseEnv({
    NODE_ENV: 'test',
    DATABASE_URL: 'postgres://unused.invalid/folio',
    REPORTER_KEY_SECRET: 'test-reporter-key-secret-0123456789',
    FORWARDED_ADDRESS_SECRET: TEST_FORWARDING_SECRET,
    ...overrides,
  });
}

/** The real app on an ephemeral port of 127.0.0.1, over the test file's database. */
export async function startTestApi(
  db: TestDatabase,
  overrides: Record<string, string> = {},
  clock?: Clock,
  logger: Logger = pino({ level: 'silent' }),
): Promise<TestApi> {
  const { handler, stop } = await createServer({
    dataSource: db.dataSource,
    env: testEnv(overrides),
    logger,
    clock,
  });
  const server: Server = await new Promise((resolve) => {
    const listening = createHttpServer(handler).listen(0, '127.0.0.1', () => resolve(listening));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    async query(query, variables, headers = {}) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await stop();
    },
  };
}
