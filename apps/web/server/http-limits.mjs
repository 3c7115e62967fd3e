// The reader's HTTP server with limits on what one client may hold: how long it may take to
// send its headers and its whole request, how long an idle keep-alive connection stays open,
// and how many connections are open at once. Node's defaults (60 s for headers, 5 minutes for
// a request, no connection cap) let a few slow clients hold the server (slowloris).
import { createServer } from 'node:http';

/**
 * @param {import('node:http').RequestListener} app
 * @param {{ headersTimeoutSeconds: number, requestTimeoutSeconds: number,
 *   keepAliveTimeoutSeconds: number, maxConnections: number }} limits
 * @returns {import('node:http').Server}
 */
export function createLimitedServer(app, limits) {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutSeconds * 1000,
      requestTimeout: limits.requestTimeoutSeconds * 1000,
      keepAliveTimeout: limits.keepAliveTimeoutSeconds * 1000,
      // How often Node looks for connections over their header or request time (default 30 s,
      // which would let a slow client keep its connection that much longer).
      connectionsCheckingInterval: 1000,
    },
    app,
  );
  // Connections past the cap are closed as they arrive; those already open are served.
  server.maxConnections = limits.maxConnections;
  return server;
}
