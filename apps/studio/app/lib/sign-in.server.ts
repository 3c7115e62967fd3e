import { ErrorCode } from '@folio/contract';
import { apiClient, ApiRequestError, type ClientInfo } from './api.server';
import type { SessionData } from './cookies.server';
import type { SignInMutation, SignInMutationVariables } from '~/generated/graphql';

const SIGN_IN = /* GraphQL */ `
  mutation SignIn($email: String!, $password: String!) {
    signIn(email: $email, password: $password) {
      token
      expiresAt
      user {
        id
        email
        displayName
        role
        mustChangePassword
      }
    }
  }
`;

export type SignInResult =
  | { ok: true; session: SessionData; mustChangePassword: boolean }
  | { ok: false; message: string; status: number };

/**
 * Signs in through the API, which checks the password (argon2id), rate-limits attempts per
 * account and per address, and answers a wrong password and an unknown email alike.
 */
export async function signIn(
  email: string,
  password: string,
  client: ClientInfo,
): Promise<SignInResult> {
  try {
    const { signIn: result } = await apiClient().request<SignInMutation, SignInMutationVariables>(
      SIGN_IN,
      { email, password },
      { client },
    );
    return {
      ok: true,
      mustChangePassword: result.user.mustChangePassword,
      session: {
        token: result.token,
        user: {
          id: result.user.id,
          name: result.user.displayName,
          email: result.user.email,
          role: result.user.role,
        },
      },
    };
  } catch (error) {
    if (!(error instanceof ApiRequestError)) throw error;
    if (error.code === ErrorCode.RATE_LIMITED) {
      return {
        ok: false,
        status: 429,
        message: 'Too many attempts. Wait a few minutes before trying again.',
      };
    }
    if (error.code === ErrorCode.SIGN_IN_FAILED || error.code === ErrorCode.BAD_USER_INPUT) {
      return {
        ok: false,
        status: 401,
        message: 'That email and password do not match an account.',
      };
    }
    throw error;
  }
}
