// The reader's production server: security headers, static assets, health checks and the Remix
// handler. Each request gets a request id (passed on to the API) and the reader's
// address (forwarded to the API, with a shared secret, for per-reader rate limits).
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
import { limitRequestBody } from './body-limit';
import { followContentChanges } from './content-changes';
import { refuseCrossSiteRequests } from './origin-check';
import { PageCache } from './page-cache';
import { servePublicFiles } from './public-files';
import { sendRefusal } from './refusal-page';
import { remixWithPageCache } from './remix-handler';
import { readerEnv } from './env';

// This file runs from server/ (source) or dist/ (built): the reader's root is one up either way.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = readerEnv();
const logger = createServiceLogger({ service: 'folio-web', level: env.LOG_LEVEL });

let shuttingDown = false;
const app = express();
app.disable('x-powered-by');
// Behind a load balancer, set TRUST_PROXY (e.g. "1" or its address) so req.ip is the reader's.
app.set('trust proxy', /^\d+$/.test(env.TRUST_PROXY) ? Number(env.TRUST_PROXY) : env.TRUST_PROXY);

// One id per request, logged here and passed to the API, so a page's logs line up across both.
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

// The Content-Security-Policy of pages is set by app/entry.server.tsx, which knows each page's
// script nonce; helmet sets the other security headers.
app.use(
  helmet({
    contentSecurityPolicy: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: env.HTTPS === 'true' ? undefined : false,
  }),
);

app.get('/health/live', (_req, res) => {
  res.json({ status: 'ok' });
});
app.get('/health/ready', async (_req, res) => {
  if (shuttingDown) {
    res.status(503).json({ status: 'shutting down' });
    return;
  }
  try {
    const response = await fetch(new URL('/health/ready', env.FOLIO_API_URL), {
      signal: AbortSignal.timeout(2_000),
    });
    if (!response.ok) throw new Error(`API ready check answered ${response.status}`);
    res.json({ status: 'ok' });
  } catch {
    res.status(503).json({ status: 'unavailable', reason: 'API unreachable' });
  }
});

// Fingerprinted build assets are immutable; anything else in public/ is cached for an hour.
app.use(
  '/assets',
  express.static(path.join(root, 'build/client/assets'), { immutable: true, maxAge: '1y' }),
);
app.use(servePublicFiles(path.join(root, 'build/client'), { skip: 'assets', maxAge: '1h' }));

// Public pages are kept in memory and replayed until the API announces a content change.
const cache = new PageCache({ maxSizeMb: env.READER_PAGE_CACHE_MB });
const contentChanges =
  env.READER_PAGE_CACHE_MB > 0
    ? followContentChanges({
        apiUrl: env.FOLIO_API_URL,
        forwardingSecret: env.FORWARDED_ADDRESS_SECRET,
        cache,
        logger,
      })
    : null;
// Whatever changes something (a report) must come from our own pages, and its body is read
// here, whole and at most 16 kB, before Remix parses it.
app.use(refuseCrossSiteRequests({ publicUrl: env.PUBLIC_URL, logger }));
app.use(limitRequestBody({ logger }));
const build = (await import(path.join(root, 'build/server/index.js'))) as ServerBuild;
app.all('/{*splat}', remixWithPageCache({ build, mode: env.NODE_ENV, cache }));

// A failure nobody caught: one structured log line, and a page that says so (never a stack).
const lastResort: ErrorRequestHandler = (error, req, res, _next) => {
  const log = requestLogger(logger, req);
  if (error?.expose && error.status >= 400 && error.status < 500) {
    log.warn({ reason: error.message }, 'request refused');
    return sendRefusal(res, error.status, {
      title: 'That request was not understood',
      message: 'Please check the address and try again.',
    });
  }
  log.error({ err: error }, 'request failed');
  return sendRefusal(res, 500, {
    title: 'Something went wrong',
    message: 'Folio could not show this page just now. Please try again in a moment.',
  });
};
app.use(lastResort);

const server = createLimitedServer(app, httpLimitsFromEnv(env));
server.listen(env.PORT, env.HOST, () => {
  logger.info({ url: `http://localhost:${env.PORT}/` }, 'Folio reader ready');
});

// SIGTERM: readiness goes 503, no new connections, requests in flight finish, then exit 0.
drainOnSignals({
  server,
  logger,
  drainSeconds: env.SHUTDOWN_DRAIN_SECONDS,
  onSignal: () => {
    shuttingDown = true;
    contentChanges?.close();
  },
});
