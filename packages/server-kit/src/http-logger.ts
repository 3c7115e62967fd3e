import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import { assignRequestId } from './request-id.js';

export interface HttpLoggerOptions {
  logger: Logger;
  /** Requests not worth a log line of their own (health checks, static assets). */
  ignore?: (req: IncomingMessage) => boolean;
}

/**
 * One log line per request under its request id (see assignRequestId), which req.id holds for
 * the handlers after. Method, path, status and timing only: no bodies (report details),
 * cookies, tokens or addresses.
 */
export function createHttpLogger({ logger, ignore }: HttpLoggerOptions): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => assignRequestId(req, res),
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    autoLogging: ignore ? { ignore } : true,
  });
}
