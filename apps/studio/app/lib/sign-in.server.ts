import { apiClient, ApiRequestError } from './api.server';
import type { SessionData } from './cookies.server';

const ADMIN_PROBE = /* GraphQL */ `
  query SignInAdminProbe {
    apiTokens {
      id
    }
  }
`;

const MODERATOR_PROBE = /* GraphQL */ `
  query SignInModeratorProbe {
    reports(first: 0) {
      totalCount
    }
  }
`;

export type SignInResult =
  { ok: true; session: SessionData } | { ok: false; message: string; status: number };

async function allowed(document: string, token: string): Promise<boolean> {
  try {
    await apiClient().request(document, {}, { token });
    return true;
  } catch (error) {
    if (error instanceof ApiRequestError && error.code === 'FORBIDDEN') return false;
    throw error;
  }
}

/** Signs in with an API token, finding its role by what the API lets it read. */
export async function signInWithToken(token: string): Promise<SignInResult> {
  try {
    const role = (await allowed(ADMIN_PROBE, token))
      ? 'ADMIN'
      : (await allowed(MODERATOR_PROBE, token))
        ? 'MODERATOR'
        : 'EDITOR';
    return {
      ok: true,
      session: { token, user: { id: null, name: 'API token', email: null, role } },
    };
  } catch (error) {
    if (error instanceof ApiRequestError && error.code === 'UNAUTHENTICATED') {
      return { ok: false, status: 401, message: 'That token was not accepted.' };
    }
    throw error;
  }
}
