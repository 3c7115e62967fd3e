import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { REQUEST_ID_HEADER, REQUEST_ID_PATTERN } from '@folio/contract';

/**
 * The request's id: the caller's when it sent a plausible one (the reader passes its own on to
 * the API, so one page's logs line up across both), else a fresh one. It is echoed in the
 * response's header either way.
 */
export function assignRequestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers[REQUEST_ID_HEADER];
  const id = typeof given === 'string' && REQUEST_ID_PATTERN.test(given) ? given : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}
