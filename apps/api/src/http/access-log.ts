import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { assignRequestId } from '@folio/server-kit';
import type { Logger } from '../logger.js';

export interface AccessLogOptions {
  logger: Logger;
  /** Requests not worth a line of their own (health checks). */
  ignore?: (req: IncomingMessage) => boolean;
}

/** What a request carries once the access log has seen it: its id, for the handlers after. */
export type IdentifiedRequest = IncomingMessage & { id?: string };

/**
 * One line per request, in pino-http's shape (`req: { id, method, url }`,
 * `res: { statusCode }`, `responseTime`, "request completed"), written when the response
 * closes. The API used pino-http for this; on the uncached hot path it cost more than the
 * line is worth: a child logger per request with the whole request serialised into it
 * (headers included, then dropped), an array of loggers on req and res, and three listeners,
 * whether or not the level writes the line. This keeps the line and the request id (assigned
 * and echoed as before) and does nothing else until the response is done.
 */
export function accessLog({ logger, ignore }: AccessLogOptions): RequestHandler {
  return (req, res, next) => {
    const id = assignRequestId(req, res);
    (req as IdentifiedRequest).id = id;
    if (ignore?.(req) !== true) {
      const started = Date.now();
      // 'close' comes once per response: after it is sent, or when the client went away first.
      res.once('close', () => {
        if (!logger.isLevelEnabled('info')) return;
        const line = {
          req: { id, method: req.method, url: req.url },
          res: { statusCode: res.statusCode },
          responseTime: Date.now() - started,
        };
        if (!res.writableFinished) logger.info(line, 'request aborted');
        else if (res.statusCode >= 500) logger.info(line, 'request errored');
        else logger.info(line, 'request completed');
      });
    }
    next();
  };
}
