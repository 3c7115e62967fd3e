import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Cookie } from '@remix-run/node';

// CSRF protection for every form: a signed double-submit token. The token lives in a signed,
// httpOnly cookie and in a hidden field of each form; a POST is accepted only when the two
// match, and, when the browser says where the request came from (Origin), only from Studio
// itself. Another site can make a browser send the cookie but can neither read nor forge it.

export const CSRF_FIELD = '_csrf';

export class CsrfError extends Error {
  override name = 'CsrfError';
}

export interface CsrfToken {
  token: string;
  /** Set-Cookie for a fresh token; null when the request already held a valid one. */
  setCookie: string | null;
}

export function createCsrf(cookie: Cookie) {
  async function current(request: Request): Promise<string | null> {
    const value: unknown = await cookie.parse(request.headers.get('Cookie'));
    return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
  }

  return {
    /** The request's token, or a new one with the cookie that carries it. */
    async issue(request: Request): Promise<CsrfToken> {
      const existing = await current(request);
      if (existing) return { token: existing, setCookie: null };
      const token = randomBytes(32).toString('base64url');
      return { token, setCookie: await cookie.serialize(token) };
    },

    /** Throws CsrfError unless the form's token matches the cookie's, from Studio's origin. */
    async verify(request: Request, form: FormData): Promise<void> {
      const origin = request.headers.get('Origin');
      if (origin && origin !== 'null' && origin !== new URL(request.url).origin) {
        throw new CsrfError('The form was sent from another site.');
      }
      if (origin === 'null') throw new CsrfError('The form was sent from an opaque origin.');
      const expected = await current(request);
      const given = form.get(CSRF_FIELD);
      if (!expected || typeof given !== 'string' || given.length !== expected.length) {
        throw new CsrfError('The form had no valid security token.');
      }
      if (!timingSafeEqual(Buffer.from(given), Buffer.from(expected))) {
        throw new CsrfError('The form had no valid security token.');
      }
    },
  };
}
