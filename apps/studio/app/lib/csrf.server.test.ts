import { createCsrfCookie } from './cookies.server';
import { createCsrf, CSRF_FIELD, CsrfError } from './csrf.server';
import { parseEnv } from './env.server';

const env = parseEnv({ NODE_ENV: 'development', SESSION_SECRET: 'c'.repeat(40) });
const csrf = createCsrf(createCsrfCookie(env));

function post(cookie: string | null, headers: Record<string, string> = {}) {
  return new Request('http://studio.test/articles/new', {
    method: 'POST',
    headers: { ...(cookie ? { Cookie: cookie } : {}), ...headers },
  });
}

function form(token: string | null) {
  const data = new FormData();
  if (token !== null) data.set(CSRF_FIELD, token);
  return data;
}

describe('CSRF protection (signed double submit)', () => {
  it('issues a token once, with a signed httpOnly cookie, and keeps it', async () => {
    const first = await csrf.issue(new Request('http://studio.test/'));
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.setCookie).toMatch(/HttpOnly/);
    expect(first.setCookie).toMatch(/SameSite=Lax/);
    const cookie = first.setCookie!.split(';')[0]!;
    const again = await csrf.issue(
      new Request('http://studio.test/', { headers: { Cookie: cookie } }),
    );
    expect(again).toEqual({ token: first.token, setCookie: null });
  });

  it('accepts a form whose token matches its cookie, from Studio itself', async () => {
    const { token, setCookie } = await csrf.issue(new Request('http://studio.test/'));
    const cookie = setCookie!.split(';')[0]!;
    await expect(csrf.verify(post(cookie), form(token))).resolves.toBeUndefined();
    await expect(
      csrf.verify(post(cookie, { Origin: 'http://studio.test' }), form(token)),
    ).resolves.toBeUndefined();
  });

  it('refuses a missing, wrong or unsigned token, and another origin', async () => {
    const { token, setCookie } = await csrf.issue(new Request('http://studio.test/'));
    const cookie = setCookie!.split(';')[0]!;
    await expect(csrf.verify(post(cookie), form(null))).rejects.toThrow(CsrfError);
    await expect(csrf.verify(post(cookie), form('x'.repeat(43)))).rejects.toThrow(CsrfError);
    await expect(csrf.verify(post(null), form(token))).rejects.toThrow(CsrfError);
    // A cookie the attacker wrote themselves is not signed with Studio's secret.
    await expect(csrf.verify(post(`folio_studio_csrf=${token}`), form(token))).rejects.toThrow(
      CsrfError,
    );
    await expect(
      csrf.verify(post(cookie, { Origin: 'https://evil.example' }), form(token)),
    ).rejects.toThrow(/another site/);
    await expect(csrf.verify(post(cookie, { Origin: 'null' }), form(token))).rejects.toThrow(
      CsrfError,
    );
  });
});
