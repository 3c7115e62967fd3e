// Folio Studio's production server: security headers, static assets, health checks and the
// Remix handler. Studio's pages are per-user and never cached (app/entry.server.tsx). Each
// request gets a request id (passed on to the API) and the browser's address (forwarded to the
// API, with a shared secret, for its per-address sign-in limit).
// Bundled by esbuild into dist/server.js (`npm run build`), which `npm start` runs.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerBuild } from '@remix-run/node';
import {
  createHttpLogger,
  requestLogger,
  createLimitedServer,
  createServiceLogger,
  drainOnSignals,
  httpLimitsFromEnv,
} from '@folio/server-kit';
import express, { type ErrorRequestHandler } from 'express';
import helmet from 'helmet';
import { studioEnv } from './env';
import { healthRoutes } from './health';
import { refuseCrossSiteForms } from './origin-check';
import { remixHandler } from './remix-handler';

// This file runs from server/ (source) or dist/ (built): Studio's root is one up either way.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = studioEnv();
const logger = createServiceLogger({ service: 'folio-studio', level: env.LOG_LEVEL });

let draining = false;
const app = express();
app.disable('x-powered-by');
// Behind a load balancer, set TRUST_PROXY (e.g. "1" or its address) so req.ip is the browser's.
app.set('trust proxy', /^\d+$/.test(env.TRUST_PROXY) ? Number(env.TRUST_PROXY) : env.TRUST_PROXY);

// One id per request, logged here and passed to the API. Method, path and status only: never
// bodies (passwords) or cookies (sessions).
app.use(
  createHttpLogger({
    logger,
    ignore: (req) => !!req.url?.startsWith('/health') || !!req.url?.startsWith('/assets'),
  }),
);
app.use((req, res, next) => {
  res.locals.requestId = String(req.id);
  next();
});

// The page CSP (with its script nonce) is set by app/entry.server.tsx; helmet sets the rest.
app.use(
  helmet({
    contentSecurityPolicy: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: env.HTTPS === 'true' ? undefined : false,
  }),
);

app.use(healthRoutes({ apiUrl: env.FOLIO_API_URL, draining: () => draining }));
app.use(refuseCrossSiteForms({ logger }));

// Fingerprinted build assets are immutable; anything else in public/ is cached for an hour.
app.use(
  '/assets',
  express.static(path.join(root, 'build/client/assets'), { immutable: true, maxAge: '1y' }),
);
app.use(express.static(path.join(root, 'build/client'), { maxAge: '1h' }));
const build = (await import(path.join(root, 'build/server/index.js'))) as ServerBuild;
app.all('/{*splat}', remixHandler({ build, mode: env.NODE_ENV }));

// A failure nobody caught: one structured log line, and a plain answer (never a stack).
const lastResort: ErrorRequestHandler = (error, req, res, _next) => {
  const log = requestLogger(logger, req);
  if (res.headersSent) {
    log.error({ err: error }, 'response failed after it started');
    res.destroy();
    return;
  }
  if (error?.expose && error.status >= 400 && error.status < 500) {
    log.warn({ reason: error.message }, 'request refused');
    res.status(error.status).type('text/plain').send('That request was not understood.');
    return;
  }
  log.error({ err: error }, 'request failed');
  res
    .status(500)
    .type('text/plain')
    .send('Folio Studio could not answer just now. Please try again in a moment.');
};
app.use(lastResort);

const server = createLimitedServer(app, httpLimitsFromEnv(env));
server.listen(env.PORT, env.HOST, () => {
  logger.info({ url: `http://localhost:${env.PORT}/` }, 'Folio Studio ready');
});

// SIGTERM: readiness goes 503, no new connections, requests in flight finish, then exit 0.
drainOnSignals({
  server,
  logger,
  drainSeconds: env.SHUTDOWN_DRAIN_SECONDS,
  onSignal: () => {
    draining = true;
  },
});
