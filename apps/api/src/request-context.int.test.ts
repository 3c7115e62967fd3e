import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { createRequestContext } from './app-modules.js';
import { testEnv } from '../test/test-api.js';
import { createTestDatabase, type TestDatabase } from '../test/test-database.js';
import { bearerFor, Role } from '../test/tokens.js';

// The request context makes what only some requests use on first use: a reader's request gets
// its context without a lookup, and no loaders or address until a resolver asks for them.

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

function requestWith(headers: Record<string, string>): IncomingMessage {
  const req = new IncomingMessage(new Socket());
  req.headers = headers;
  return req;
}

describe('the request context', () => {
  it('needs no SQL without a credential, and works out the address only when asked, once', async () => {
    const asked: IncomingMessage[] = [];
    const contextFor = createRequestContext(
      { dataSource: db.dataSource, env: testEnv() },
      (req) => {
        asked.push(req);
        return '203.0.113.9';
      },
    );
    const req = requestWith({ 'user-agent': 'Reader/1.0' });
    db.statements.reset();
    const context = contextFor(req, 7);
    expect(context).not.toBeInstanceOf(Promise); // no lookup to wait for
    const made = await context;
    expect(db.statements.count).toBe(0);
    expect(made.viewer).toBeNull();
    expect(made.contentVersion).toBe(7);
    expect(asked).toEqual([]);
    expect(made.clientAddress).toBe('203.0.113.9');
    expect(made.clientAddress).toBe('203.0.113.9');
    expect(asked).toEqual([req]);
    expect(made.userAgent).toBe('Reader/1.0');
  });

  it('gives one request the same loaders each time, and another request its own', async () => {
    const contextFor = createRequestContext(
      { dataSource: db.dataSource, env: testEnv() },
      () => '',
    );
    const first = await contextFor(requestWith({}), 1);
    const second = await contextFor(requestWith({}), 1);
    expect(first.loaders).toBe(first.loaders);
    expect(first.loaders.sectionsByArticleId).toBe(first.loaders.sectionsByArticleId);
    expect(second.loaders).not.toBe(first.loaders);
  });

  it('looks the viewer up when there is a credential, and refuses a bad one', async () => {
    const contextFor = createRequestContext(
      { dataSource: db.dataSource, env: testEnv() },
      () => '',
    );
    const headers = await bearerFor(db.dataSource, Role.EDITOR);
    const viewer = (await contextFor(requestWith(headers), 1)).viewer;
    expect(viewer).toMatchObject({ kind: 'token', role: Role.EDITOR });
    await expect(
      contextFor(requestWith({ authorization: 'Bearer folio_not-a-token' }), 1),
    ).rejects.toThrow();
  });
});
