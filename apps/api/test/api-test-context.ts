import type { Clock } from '../src/modules/moderation/clock.js';
import { startTestApi, type TestApi } from './test-api.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface ApiTestContext {
  db: TestDatabase;
  api: TestApi;
}

/**
 * A test file's own database and API server, started before its tests and stopped after.
 * Read `db` and `api` inside tests (they are set once beforeAll has run).
 */
export function useApiTestContext(
  envOverrides: Record<string, string> = {},
  clock?: Clock,
): ApiTestContext {
  const context = {} as ApiTestContext;
  beforeAll(async () => {
    context.db = await createTestDatabase();
    context.api = await startTestApi(context.db, envOverrides, clock);
  });
  afterAll(async () => {
    await context.api?.close();
    await context.db?.drop();
  });
  return context;
}
