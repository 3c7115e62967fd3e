import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { HttpLogger } from '@folio/server-kit';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface FrontHandlerOptions {
  /** One access-log line per request, and its id (server-kit's createHttpLogger). */
  httpLogger: HttpLogger;
  /** /graphql, on Node's own request and response. */
  graphql: Handler;
  /** Everything else: health, content changes, 404s (the express app). */
  rest: Handler;
}

/**
 * Where the API's HTTP server sends each request. GraphQL, nearly all the traffic, skips
 * express; the rest keeps it. `/graphql` matches as express's `app.use('/graphql')` did:
 * the path itself or anything under it, in any letter case, with or without a query string.
 */
const GRAPHQL_PATH = /^\/graphql(?:[/?#]|$)/i;

export function createFrontHandler({
  httpLogger,
  graphql,
  rest,
}: FrontHandlerOptions): RequestListener {
  return (req, res) => {
    httpLogger(req, res);
    if (GRAPHQL_PATH.test(req.url ?? '')) graphql(req, res);
    else rest(req, res);
  };
}
