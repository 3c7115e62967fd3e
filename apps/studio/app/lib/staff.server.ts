import { ErrorCode } from '@folio/contract';
import { json, redirect, type AppLoadContext } from '@remix-run/node';
import { apiClient, ApiRequestError, ApiUnavailableError, type ClientInfo } from './api.server';
import { createCsrfCookie, sessionStorage, type SessionUser } from './cookies.server';
import { createCsrf, CsrfError } from './csrf.server';
import { env } from './env.server';
import { NO_STORE } from './http';

// What every Studio loader and action starts with: who is signed in, and a way to call the API
// as them. The API is the authority on what they may do; Studio only hides what they may not.

export type Role = SessionUser['role'];

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** Set by server/remix-handler.ts: the browser's address (express, behind TRUST_PROXY). */
    clientAddress?: string;
    /** This request's id, passed on to the API so both logs name it. */
    requestId?: string;
  }
}

/** Who is at the browser, as far as the API needs to know (limits, sessions list, logs). */
export function clientInfo(request: Request, context?: AppLoadContext): ClientInfo {
  return {
    address: context?.clientAddress,
    userAgent: request.headers.get('user-agent'),
    requestId: context?.requestId,
  };
}

let csrfInstance: ReturnType<typeof createCsrf> | undefined;
export function csrf() {
  csrfInstance ??= createCsrf(createCsrfCookie(env()));
  return csrfInstance;
}

export interface Staff {
  user: SessionUser;
  token: string;
  /** Calls the API as the signed-in user; an expired or revoked session goes to sign-in. */
  call<TData, TVariables extends Record<string, unknown> = Record<string, never>>(
    document: string,
    variables?: TVariables,
  ): Promise<TData>;
}

export function signInUrl(request: Request): string {
  const url = new URL(request.url);
  const next = url.pathname + url.search;
  return next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`;
}

/** Clears the session cookie and sends the user to sign in, coming back here afterwards. */
async function signedOut(request: Request, message: string): Promise<never> {
  const storage = sessionStorage();
  const session = await storage.getSession(request.headers.get('Cookie'));
  session.unset('token');
  session.unset('user');
  session.flash('notice', message);
  throw redirect(signInUrl(request), {
    headers: { 'Set-Cookie': await storage.commitSession(session), 'Cache-Control': NO_STORE },
  });
}

/** Where a user starts: editors (and admins) on their articles, moderators on the queue. */
export function homeFor(user: SessionUser): string {
  return user.role === 'MODERATOR' ? '/moderation' : '/articles';
}

export function hasRole(user: SessionUser, roles: readonly Role[]): boolean {
  return user.role === 'ADMIN' || roles.length === 0 || roles.includes(user.role);
}

/** The signed-in user, or a redirect to sign in; with roles, a 403 for anyone else. */
export async function requireStaff(
  request: Request,
  roles: readonly Role[] = [],
  context?: AppLoadContext,
): Promise<Staff> {
  const session = await sessionStorage().getSession(request.headers.get('Cookie'));
  const token = session.get('token');
  const user = session.get('user');
  if (!token || !user) return signedOut(request, 'Please sign in.');
  if (!hasRole(user, roles)) {
    throw json(
      { message: `This page is for ${roles.join(' or ').toLowerCase()}s.` },
      { status: 403, headers: { 'Cache-Control': NO_STORE } },
    );
  }
  return {
    user,
    token,
    async call(document, variables) {
      try {
        return await apiClient().request(document, variables, {
          token,
          client: clientInfo(request, context),
        });
      } catch (error) {
        if (error instanceof ApiRequestError && error.code === ErrorCode.UNAUTHENTICATED) {
          return signedOut(request, 'Your session has ended. Please sign in again.');
        }
        if (error instanceof ApiRequestError && error.code === ErrorCode.PASSWORD_CHANGE_REQUIRED) {
          throw redirect('/account/password?first=1');
        }
        if (error instanceof ApiRequestError && error.code === ErrorCode.FORBIDDEN) {
          throw json(
            { message: error.message },
            { status: 403, headers: { 'Cache-Control': NO_STORE } },
          );
        }
        if (error instanceof ApiUnavailableError) {
          throw json(
            { message: 'The Folio API is not answering. Try again in a minute.' },
            { status: 503, headers: { 'Cache-Control': NO_STORE, 'Retry-After': '30' } },
          );
        }
        throw error;
      }
    },
  };
}

/**
 * The form of a POST, after checking its CSRF token (a 403 otherwise). Every action reads its
 * form through this.
 */
export async function readForm(request: Request): Promise<FormData> {
  const form = await request.formData();
  try {
    await csrf().verify(request, form);
  } catch (error) {
    if (error instanceof CsrfError) {
      throw json(
        { message: `${error.message} Reload the page and try again.` },
        { status: 403, headers: { 'Cache-Control': NO_STORE } },
      );
    }
    throw error;
  }
  return form;
}

/** The API's message for a refused operation, for showing beside the form. */
export function refusal(error: unknown): { code: string; message: string } | null {
  if (error instanceof ApiRequestError) {
    return { code: error.code ?? 'ERROR', message: error.message };
  }
  return null;
}

/** Sets a one-time notice for the next page and redirects there (POST/redirect/GET). */
export async function redirectWithNotice(
  request: Request,
  to: string,
  notice: string,
  extraHeaders: Record<string, string> = {},
): Promise<Response> {
  const storage = sessionStorage();
  const session = await storage.getSession(request.headers.get('Cookie'));
  session.flash('notice', notice);
  return redirect(to, {
    status: 303,
    headers: { 'Set-Cookie': await storage.commitSession(session), ...extraHeaders },
  });
}
