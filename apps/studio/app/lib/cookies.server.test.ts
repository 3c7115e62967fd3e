import { createSessionStorage } from './cookies.server';
import { parseEnv } from './env.server';

const production = parseEnv({ NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40) });

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
      parseEnv({ NODE_ENV: 'production', SESSION_SECRET: 'o'.repeat(40) }),
    );
    expect((await other.getSession(cookie)).get('token')).toBeUndefined();
  });

  it('is not Secure in development, so it works on http://localhost', async () => {
    const storage = createSessionStorage(parseEnv({}));
    const header = await storage.commitSession(await storage.getSession());
    expect(header).not.toMatch(/Secure/);
  });
});
