#!/usr/bin/env node
// Folio Studio's production server: security headers, static assets, health checks and the
// Remix handler. Studio's pages are per-user and never cached (app/entry.server.tsx).
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REQUEST_ID_HEADER } from '@folio/contract';
import { createRequestHandler } from '@remix-run/express';
import express from 'express';
import helmet from 'helmet';
import pino from 'pino';
import { pinoHttp } from 'pino-http';
import { z } from 'zod';

// The server's own variables; the app's (API URL, session secret...) are validated in
// app/lib/env.server.ts when the first request comes.
const env = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
    HOST: z.string().default('0.0.0.0'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3001),
    FOLIO_API_URL: z.string().url().default('http://127.0.0.1:4000/graphql'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    TRUST_PROXY: z.string().default('loopback'),
    HTTPS: z.enum(['true', 'false']).default('false'),
  })
  .parse(process.env);

const root = path.dirname(fileURLToPath(import.meta.url));
const logger = pino({ level: env.LOG_LEVEL, base: { service: 'folio-studio' } });
const build = await import(path.join(root, 'build/server/index.js'));

let shuttingDown = false;
const app = express();
app.disable('x-powered-by');
app.set('trust proxy', /^\d+$/.test(env.TRUST_PROXY) ? Number(env.TRUST_PROXY) : env.TRUST_PROXY);

app.use(
  pinoHttp({
    logger,
    genReqId: (_req, res) => {
      const id = randomUUID();
      res.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    // Method, path and status only: never bodies (passwords) or cookies (sessions).
    serializers: {
      req: (req) => ({ id: req.id, method: req.method, url: req.url.split('?')[0] }),
      res: (res) => ({ statusCode: res.statusCode }),
    },
    autoLogging: {
      ignore: (req) => req.url.startsWith('/health') || req.url.startsWith('/assets'),
    },
  }),
);

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

app.get('/health/live', (_req, res) => res.json({ status: 'ok' }));
app.get('/health/ready', async (_req, res) => {
  if (shuttingDown) return res.status(503).json({ status: 'shutting down' });
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

// A form posted from another site is refused here with a plain 403 (Remix would throw and
// answer 500); the app's CSRF token check (app/lib/csrf.server.ts) stands behind this one.
app.use((req, res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD') return next();
  const origin = req.get('origin');
  if (!origin) return next();
  const host = (req.get('x-forwarded-host') ?? req.get('host') ?? '').split(',')[0].trim();
  let originHost = null;
  try {
    originHost = origin === 'null' ? null : new URL(origin).host;
  } catch {
    originHost = null;
  }
  if (originHost && originHost === host) return next();
  res.status(403).type('text/plain').send('Forms may only be sent from Folio Studio itself.');
});

app.use(
  '/assets',
  express.static(path.join(root, 'build/client/assets'), { immutable: true, maxAge: '1y' }),
);
app.use(express.static(path.join(root, 'build/client'), { maxAge: '1h' }));
app.all(
  '*',
  createRequestHandler({
    build,
    mode: env.NODE_ENV,
    // The browser's address (right behind a load balancer with TRUST_PROXY), forwarded to the
    // API for its per-address sign-in limit.
    getLoadContext: (req) => ({ clientAddress: req.ip }),
  }),
);

const server = app.listen(env.PORT, env.HOST, () => {
  logger.info({ url: `http://localhost:${env.PORT}/` }, 'Folio Studio ready');
});

function shutdown(signal) {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.info({ signal }, 'shutting down');
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => server.closeAllConnections(), 10_000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
