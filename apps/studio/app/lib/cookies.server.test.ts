import { createSessionStorage } from './cookies.server';
import { parseEnv } from './env.server';

// Production refuses guessable secrets (server/env.ts): these look like `openssl rand -hex 20`.
const PRODUCTION = {
  NODE_ENV: 'production',
  FORWARDED_ADDRESS_SECRET: '9c4e1f7a2b8d3c6e5f0a1b2c3d4e5f6a7b8c9d0e',
};
const production = parseEnv({
  ...PRODUCTION,
  SESSION_SECRET: 'b81e4d07c2a95f3e6d18a4c07b92e5f1d3a6c840',
});

describe('the session cookie', () => {
  it('is httpOnly, SameSite=Lax and Secure in production', async () => {
    const storage = createSessionStorage(production);
    const session = await storage.getSession();
    session.set('token', 'session_abc');
    const header = await storage.commitSession(session);
    expect(header).toMatch(/^folio_studio_session=/);
    expect(header).toMatch(/; HttpOnly/);
    expect(header).toMatch(/; SameSite=Lax/);
    expect(header).toMatch(/; Secure/);
    expect(header).toMatch(/; Path=\//);
  });

  it('is signed: a cookie edited or signed with another secret gives no session', async () => {
    const storage = createSessionStorage(production);
    const session = await storage.getSession();
    session.set('token', 'session_abc');
    const cookie = (await storage.commitSession(session)).split(';')[0]!;
    expect((await storage.getSession(cookie)).get('token')).toBe('session_abc');

    const [name, value] = cookie.split('=');
    const tampered = `${name}=${value!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}`;
    expect((await storage.getSession(tampered)).get('token')).toBeUndefined();

    const other = createSessionStorage(
      parseEnv({ ...PRODUCTION, SESSION_SECRET: '5f0a9c1e7d3b8a2f6e4c0d9b1a7f3e5c8d2b6a40' }),
    );
    expect((await other.getSession(cookie)).get('token')).toBeUndefined();
  });

  it('is not Secure in development, so it works on http://localhost', async () => {
    const storage = createSessionStorage(parseEnv({ NODE_ENV: 'development' }));
    const header = await storage.commitSession(await storage.getSession());
    expect(header).not.toMatch(/Secure/);
  });
});
