import { createServer, type RequestListener, type Server } from 'node:http';

/** What one client may hold, in the units the environment gives them. */
export interface HttpLimits {
  /** Time to send the request headers (slowloris). */
  headersTimeoutSeconds: number;
  /** Time to send the whole request. */
  requestTimeoutSeconds: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutSeconds: number;
  /** Open connections at once; more are closed as they arrive, those open are served. */
  maxConnections: number;
}

/**
 * An HTTP server with limits on what one client may hold. Node's defaults (60 s for headers,
 * 5 minutes for a request, no connection cap) let a few slow clients hold a server. A response
 * may take as long as it needs (the API's change streams stay open for hours): these limits are
 * on what the client sends.
 */
export function createLimitedServer(app: RequestListener, limits: HttpLimits): Server {
  const requestTimeout = limits.requestTimeoutSeconds * 1000;
  const server = createServer(
    {
      // Node refuses a header time longer than the whole request's.
      headersTimeout: Math.min(limits.headersTimeoutSeconds * 1000, requestTimeout),
      requestTimeout,
      keepAliveTimeout: limits.keepAliveTimeoutSeconds * 1000,
      // How often Node looks for connections over their time (default 30 s, which would let a
      // slow client keep its connection that much longer than the limit).
      connectionsCheckingInterval: 1000,
    },
    app,
  );
  server.maxConnections = limits.maxConnections;
  return server;
}

/** The four HTTP_* variables both servers read, as createLimitedServer takes them. */
export function httpLimitsFromEnv(env: {
  HTTP_HEADERS_TIMEOUT_SECONDS: number;
  HTTP_REQUEST_TIMEOUT_SECONDS: number;
  HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: number;
  HTTP_MAX_CONNECTIONS: number;
}): HttpLimits {
  return {
    headersTimeoutSeconds: env.HTTP_HEADERS_TIMEOUT_SECONDS,
    requestTimeoutSeconds: env.HTTP_REQUEST_TIMEOUT_SECONDS,
    keepAliveTimeoutSeconds: env.HTTP_KEEP_ALIVE_TIMEOUT_SECONDS,
    maxConnections: env.HTTP_MAX_CONNECTIONS,
  };
}
