import { createServer, type RequestListener, type Server } from 'node:http';
import type { Env } from './env.js';

/**
 * The API's HTTP server with limits on what one client may hold: time to send its headers and
 * its whole request, how long an idle keep-alive connection stays open, and how many
 * connections are open at once. Node's defaults (60 s for headers, 5 minutes for a request, no
 * cap) let a few slow clients hold the server (slowloris). A response may take as long as it
 * needs (the readers' change streams stay open for hours): these limits are on what the client
 * sends.
 */
export function createLimitedServer(
  app: RequestListener,
  env: Pick<
    Env,
    | 'HTTP_HEADERS_TIMEOUT_SECONDS'
    | 'HTTP_REQUEST_TIMEOUT_SECONDS'
    | 'HTTP_KEEP_ALIVE_TIMEOUT_SECONDS'
    | 'HTTP_MAX_CONNECTIONS'
  >,
): Server {
  const requestTimeout = env.HTTP_REQUEST_TIMEOUT_SECONDS * 1000;
  const server = createServer(
    {
      // Node refuses a header time longer than the whole request's.
      headersTimeout: Math.min(env.HTTP_HEADERS_TIMEOUT_SECONDS * 1000, requestTimeout),
      requestTimeout,
      keepAliveTimeout: env.HTTP_KEEP_ALIVE_TIMEOUT_SECONDS * 1000,
      // How often Node looks for connections over their time (default 30 s, which would let a
      // slow client keep its connection that much longer than the limit).
      connectionsCheckingInterval: 1000,
    },
    app,
  );
  server.maxConnections = env.HTTP_MAX_CONNECTIONS;
  return server;
}
