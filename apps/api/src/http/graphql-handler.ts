import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';
import { createJsonBodyReader } from './json-body.js';
import { BODY_LIMIT, writeHttpFailure } from './json-errors.js';

export interface GraphQLHandlerOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  /** The request's context value, built once Apollo knows the request is worth running. */
  context: (req: IncomingMessage) => Promise<TContext> | TContext;
  logger: Logger;
}

/**
 * /graphql on Node's own request and response: what @as-integrations/express5 does behind
 * express.json(), without express around it (its router, its request and response objects,
 * body-parser for the common body). Apollo still does everything GraphQL over HTTP means:
 * GET queries, CSRF prevention, content negotiation, status codes. The answer goes out as
 * status, headers and body in one `end()`.
 */
export function createGraphQLHandler<TContext extends BaseContext>({
  apollo,
  context,
  logger,
}: GraphQLHandlerOptions<TContext>): (req: IncomingMessage, res: ServerResponse) => void {
  apollo.assertStarted('createGraphQLHandler()');
  const readBody = createJsonBodyReader(BODY_LIMIT);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: unknown;
    try {
      body = await readBody(req, res);
    } catch (error) {
      writeHttpFailure(res, error as Error, logger);
      return;
    }
    const headers = new HeaderMap();
    const given = req.headers;
    for (const name in given) {
      const value = given[name];
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: req.method!.toUpperCase(),
        headers,
        search: searchOf(req),
        body,
      },
      context: async () => context(req),
    });
    res.statusCode = response.status ?? 200;
    for (const [name, value] of response.headers) res.setHeader(name, value);
    if (response.body.kind === 'complete') {
      const text = response.body.string;
      res.setHeader('content-length', Buffer.byteLength(text));
      // A HEAD gets the headers a GET would, without the body (as express's send did).
      res.end(req.method === 'HEAD' ? undefined : text);
      return;
    }
    // Incremental delivery (@defer): each part as Apollo yields it.
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  return (req, res) => {
    handle(req, res).catch((error: unknown) => writeHttpFailure(res, error as Error, logger));
  };
}

/** The query string as Apollo wants it ("?query=…" or ""), without the fragment. */
function searchOf(req: IncomingMessage): string {
  const url = req.url ?? '';
  const start = url.indexOf('?');
  if (start === -1) return '';
  const end = url.indexOf('#', start);
  return end === -1 ? url.slice(start) : url.slice(start, end);
}
