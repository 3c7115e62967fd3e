import { ErrorCode } from '@folio/contract';
import type { ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';

/** The largest request body /graphql reads, as body-parser spells it (102,400 bytes). */
export const BODY_LIMIT = '100kb';

/** An HTTP-level failure before GraphQL runs: body-parser's errors carry `status` like this. */
export interface HttpFailure {
  status?: unknown;
  message?: unknown;
}

/**
 * Body-parser and other HTTP-level failures as JSON, with their status (413, 400, 415), the
 * same answer whether express or the plain /graphql handler met them.
 */
export function writeHttpFailure(res: ServerResponse, error: HttpFailure, logger: Logger): void {
  const status = typeof error?.status === 'number' && error.status < 500 ? error.status : 500;
  if (status === 500) logger.error({ err: error }, 'unhandled HTTP error');
  const message =
    status === 413
      ? `Request body too large; the limit is ${BODY_LIMIT}.`
      : status === 500
        ? 'Internal server error'
        : String(error.message ?? 'Bad request');
  const body = JSON.stringify({
    errors: [
      {
        message,
        extensions: {
          code: status === 500 ? ErrorCode.INTERNAL_SERVER_ERROR : ErrorCode.BAD_REQUEST,
        },
      },
    ],
  });
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}
