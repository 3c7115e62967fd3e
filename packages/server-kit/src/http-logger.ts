import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { assignRequestId } from './request-id.js';

declare module 'http' {
  interface IncomingMessage {
    /** This request's id, set by createHttpLogger (see assignRequestId) for the handlers after. */
    id?: string;
  }
}

export interface HttpLoggerOptions {
  logger: Logger;
  /** Requests not worth a log line of their own (health checks, static assets). */
  ignore?: (req: IncomingMessage) => boolean;
}

export type HttpLogger = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

/**
 * One log line per request under its request id, which req.id holds for the handlers after:
 * `req: { id, method, url }`, `res: { statusCode }` and `responseTime` (pino-http's shape, so
 * log queries written for it still work), written when the response closes. Method, path,
 * status and timing only: no bodies (report details, passwords), cookies, tokens or addresses.
 *
 * Not pino-http: on the uncached hot path it cost more than the line is worth (a child logger
 * per request with the whole request serialised into it, then dropped, and three listeners),
 * whether or not the level writes the line. This assigns the id and adds one listener.
 */
export function createHttpLogger({ logger, ignore }: HttpLoggerOptions): HttpLogger {
  return (req, res, next) => {
    req.id = assignRequestId(req, res);
    if (ignore?.(req) !== true) {
      const started = Date.now();
      // As the request came: express rewrites req.url inside a mounted app (Apollo at /graphql
      // sees "/"), and by the time the response closes it has not been put back.
      const url = req.url;
      // 'close' comes once per response: after it is sent, or when the client went away first.
      res.once('close', () => {
        if (!logger.isLevelEnabled('info')) return;
        const line = {
          req: { id: req.id, method: req.method, url },
          res: { statusCode: res.statusCode },
          responseTime: Date.now() - started,
        };
        if (!res.writableFinished) logger.info(line, 'request aborted');
        else if (res.statusCode >= 500) logger.info(line, 'request errored');
        else logger.info(line, 'request completed');
      });
    }
    next?.();
  };
}

/**
 * A logger for one request's own lines (a failure, a refusal), under the same `req` fields as
 * its access-log line. Made only when such a line is written, never per request.
 */
export function requestLogger(logger: Logger, req: IncomingMessage): Logger {
  return logger.child({ req: { id: req.id, method: req.method, url: req.url } });
}
