// The `extensions.code` values the API answers with, which clients may branch on.

export const ErrorCode = {
  /** The input is refused; the message says what is allowed. Nothing changed. */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** An HTTP-level failure before GraphQL (a malformed or too large body). */
  BAD_REQUEST: 'BAD_REQUEST',
  /** An Authorization header that is not a live API token or staff session. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** A token whose role may not do this. */
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  /** The same idempotency key with another payload, or a slug already in use. */
  CONFLICT: 'CONFLICT',
  /** Too many reports, or failed sign-ins; `extensions.retryAfterSeconds` says when to retry. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** Sign-in refused: a wrong password, an unknown email or a deactivated account alike. */
  SIGN_IN_FAILED: 'SIGN_IN_FAILED',
  /** A session with a one-time password may only change it (or sign out). */
  PASSWORD_CHANGE_REQUIRED: 'PASSWORD_CHANGE_REQUIRED',
  /**
   * Someone saved the article since `expectedVersion`; nothing was saved. The extensions say
   * `currentVersion`, `savedBy`, `savedAt`, `changedFields` and `changes`.
   */
  EDIT_CONFLICT: 'EDIT_CONFLICT',
  /** Anything not raised on purpose; the message is a bare "Internal server error". */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
