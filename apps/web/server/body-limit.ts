// Request bodies are read here, whole and bounded, before Remix sees them: a form larger than
// the limit is refused with 413 while it streams in, counting the bytes that arrive (a
// Content-Length can lie, and a chunked body has none). The rest is never read: the
// connection is closed once the answer is sent.
import type { Logger } from '@folio/server-kit';
import type { RequestHandler } from 'express';
import getRawBody from 'raw-body';
import { sendRefusal } from './refusal-page';

/** The reader's forms (a report: reason, 2,000 characters of details, an email) fit easily. */
export const MAX_BODY_BYTES = 16 * 1024;

/** For every method but GET and HEAD: puts the body, at most maxBytes, in req.rawBody. */
export function limitRequestBody({
  maxBytes = MAX_BODY_BYTES,
  logger,
}: {
  maxBytes?: number;
  logger: Logger;
}): RequestHandler {
  return async (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    try {
      req.rawBody = await getRawBody(req, {
        limit: maxBytes,
        // raw-body refuses a declared length over the limit before reading a byte, and a body
        // that turns out longer or shorter than declared.
        length: req.headers['content-length'],
      });
      return next();
    } catch (caught) {
      const error = caught as { type?: string } | undefined;
      const tooLarge = error?.type === 'entity.too.large';
      logger.warn(
        {
          requestId: res.locals.requestId,
          method: req.method,
          path: req.path,
          limit: maxBytes,
          declaredLength: req.headers['content-length'] ?? null,
          reason: error?.type ?? 'unreadable',
        },
        tooLarge ? 'request body over the limit refused' : 'request body could not be read',
      );
      if (tooLarge) {
        return sendRefusal(res, 413, {
          title: 'That was too much to send',
          message: `A form sent to Folio can hold up to ${Math.floor(maxBytes / 1024)} kB. Please shorten what you wrote and try again.`,
          close: true,
        });
      }
      return sendRefusal(res, 400, {
        title: 'That request was not understood',
        message: 'What was sent did not arrive whole. Please try again.',
        close: true,
      });
    }
  };
}
