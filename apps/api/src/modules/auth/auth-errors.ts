import { ErrorCode } from '@folio/contract';
import { GraphQLError } from 'graphql';

// Errors of signing in and sessions, with stable extensions.code values Studio branches on.

/** Wrong password, unknown account or deactivated account: one message for all three. */
export class SignInFailedError extends GraphQLError {
  constructor() {
    super('The email address or password is wrong.', {
      extensions: { code: ErrorCode.SIGN_IN_FAILED },
    });
  }
}

/** Too many failed sign-ins for the account or from the address. */
export class SignInLockedError extends GraphQLError {
  constructor(retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(`Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, {
      extensions: { code: ErrorCode.RATE_LIMITED, retryAfterSeconds },
    });
  }
}

export class PasswordChangeRequiredError extends GraphQLError {
  constructor() {
    super('Choose a new password first: this one was for the first sign-in only.', {
      extensions: { code: ErrorCode.PASSWORD_CHANGE_REQUIRED },
    });
  }
}

/** A session token, an API token or nothing: the bearer given is none of these. */
export class InvalidCredentialsError extends GraphQLError {
  constructor(kind: 'session' | 'token') {
    super(
      kind === 'session'
        ? 'The session has expired or was signed out; sign in again.'
        : 'The API token is malformed, unknown or revoked.',
      { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } },
    );
  }
}
