import { createCookie, createCookieSessionStorage } from '@remix-run/node';
import { env, type StudioEnv } from './env.server';

// Studio's two cookies, both signed with SESSION_SECRET and invisible to scripts (httpOnly).
// SameSite=Lax: a link from elsewhere may open Studio signed in, but no other site can post a
// form with the cookie attached (and the CSRF token refuses it anyway). Secure in production.

export interface SessionUser {
  id: string | null;
  name: string;
  email: string | null;
  role: 'EDITOR' | 'MODERATOR' | 'ADMIN';
}

export interface SessionData {
  /** The API's session token for the signed-in user; every API call sends it. */
  token: string;
  user: SessionUser;
}

export interface SessionFlash {
  /** A one-time message for the next page ("Saved", "Signed out"). */
  notice: string;
}

export function createSessionStorage(config: StudioEnv) {
  return createCookieSessionStorage<SessionData, SessionFlash>({
    cookie: {
      name: 'folio_studio_session',
      httpOnly: true,
      sameSite: 'lax',
      secure: config.COOKIE_SECURE,
      path: '/',
      secrets: [...config.SESSION_SECRETS],
      // The API decides how long a session lives; the cookie only has to outlast a browser
      // restart within that time.
      maxAge: 60 * 60 * 24 * 30,
    },
  });
}

export function createCsrfCookie(config: StudioEnv) {
  return createCookie('folio_studio_csrf', {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.COOKIE_SECURE,
    path: '/',
    secrets: [...config.SESSION_SECRETS],
  });
}

let sessions: ReturnType<typeof createSessionStorage> | undefined;

export function sessionStorage() {
  sessions ??= createSessionStorage(env());
  return sessions;
}
