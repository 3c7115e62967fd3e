#!/usr/bin/env node
// The reader's production server: security headers, static assets, health checks and the Remix
// handler. Each request gets a request id (passed on to the API) and the reader's
// address (forwarded to the API, with a shared secret, for per-reader rate limits).
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequestHandler } from '@remix-run/express';
import express from 'express';
import helmet from 'helmet';
import pino from 'pino';

const root = path.dirname(fileURLToPath(import.meta.url));
const PORT = Number(process.env.PORT ?? 3000);
const HOST = process.env.HOST ?? '0.0.0.0';
const API_URL = process.env.FOLIO_API_URL ?? 'http://127.0.0.1:4000/graphql';
const logger = pino({ level: process.env.LOG_LEVEL ?? 'info', base: { service: 'folio-web' } });

let shuttingDown = false;
const app = express();
app.disable('x-powered-by');
// Behind a load balancer, set TRUST_PROXY (e.g. "1" or its address) so req.ip is the reader's.
app.set('trust proxy', process.env.TRUST_PROXY ?? 'loopback');

app.use((req, res, next) => {
  res.locals.requestId = req.get('x-request-id')?.slice(0, 100) || randomUUID();
  res.set('x-request-id', res.locals.requestId);
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
    strictTransportSecurity:
      process.env.NODE_ENV === 'production' && process.env.HTTPS === 'true' ? undefined : false,
  }),
);

app.get('/health/live', (_req, res) => res.json({ status: 'ok' }));
app.get('/health/ready', async (_req, res) => {
  if (shuttingDown) return res.status(503).json({ status: 'shutting down' });
  try {
    const response = await fetch(new URL('/health/ready', API_URL), {
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
app.use(express.static(path.join(root, 'build/client'), { maxAge: '1h' }));

app.all(
  '*',
  createRequestHandler({
    build: await import(path.join(root, 'build/server/index.js')),
    mode: process.env.NODE_ENV ?? 'production',
    getLoadContext: (req, res) => ({
      reader: { clientAddress: req.ip ?? '127.0.0.1', requestId: res.locals.requestId },
    }),
  }),
);

const server = app.listen(PORT, HOST, () => {
  logger.info({ url: `http://localhost:${PORT}/` }, 'Folio reader ready');
});

function shutdown(signal) {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.info({ signal }, 'shutting down');
  server.close(() => process.exit(0));
  server.closeIdleConnections?.();
  setTimeout(() => process.exit(0), 10_000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
