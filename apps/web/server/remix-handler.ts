// Runs the Remix build as a fetch handler (Request in, Response out) behind express, so the
// page cache can keep and replay whole responses. The request conversion follows
// @remix-run/express; responses are buffered, as app/entry.server.tsx renders whole pages.
import { randomUUID } from 'node:crypto';
import type { ServerBuild } from '@remix-run/node';
import type {
  Request as ExpressRequest,
  RequestHandler,
  Response as ExpressResponse,
} from 'express';
import type { ReaderRequestContext } from '../app/lib/context.server';
import type { CachedPage, CacheHit, PageCache } from './page-cache';
import { ifNoneMatchIncludes } from './if-none-match';
import { pageCacheKey } from './page-cache-key';
import { routeTables } from './route-tables';

export function remixWithPageCache({
  build,
  mode,
  cache,
}: {
  build: ServerBuild;
  mode: string;
  cache: PageCache;
}): RequestHandler {
  // Each request is matched and rendered against the routes its path can match (./route-tables.ts).
  const tables = routeTables(build, mode);
  const refreshing = new Set<string>();

  /** Renders a page for the cache only, with no reader waiting on it. */
  async function refresh(key: string, origin: string): Promise<void> {
    if (refreshing.has(key)) return;
    refreshing.add(key);
    try {
      const startedUnder = cache.generation;
      const reader: ReaderRequestContext = {
        clientAddress: '127.0.0.1',
        requestId: randomUUID(),
        documentRequest: true,
      };
      const url = new URL(key, origin);
      const response = await tables.handlerFor(url)(new Request(url), { reader });
      cache.store(key, response, await bodyOf(response, reader, 'GET'), startedUnder);
    } catch {
      // The stale page stays until it expires; the next reader's request tries again.
    } finally {
      refreshing.delete(key);
    }
  }

  return async (req, res, next) => {
    try {
      const readsOnly = req.method === 'GET' || req.method === 'HEAD';
      // Reads are keyed, and rendered, by the parameters their route reads; null: not cached.
      const key = readsOnly ? pageCacheKey(req.originalUrl) : null;
      const hit = key !== null ? cache.lookup(key) : null;
      if (hit && key !== null) {
        if (hit.state === 'stale') void refresh(key, originOf(req));
        return sendCached(req, res, hit);
      }

      const startedUnder = cache.generation;
      const forCache = key !== null && cache.usable;
      const url = key ?? req.originalUrl;
      const target = new URL(url, originOf(req));
      const request = toFetchRequest(req, res, { forCache, target });
      const reader: ReaderRequestContext = {
        clientAddress: req.ip ?? '127.0.0.1',
        requestId: res.locals.requestId,
        // Remix answers ?_data requests with loader data alone (client-side navigation).
        documentRequest: !hasDataParam(url),
      };
      const response = await tables.handlerFor(target)(request, { reader });
      const body = await bodyOf(response, reader, req.method);
      const stored =
        req.method === 'GET' && key !== null
          ? cache.store(key, response, body, startedUnder)
          : null;
      // Rendered in full for the cache: the reader may already hold it (If-None-Match).
      if (stored) return sendCached(req, res, { page: stored, state: 'fresh' }, 'MISS');
      res.setHeader('X-Cache', forCache ? 'MISS' : 'BYPASS');
      return sendResponse(res, response, body);
    } catch (error) {
      next(error);
    }
  };
}

/**
 * The response's body: a page entry.server rendered is handed over as a string (no body on
 * the Response); anything else (data, redirects, resource routes) is read from the Response.
 * Remix answers HEAD with a Response of its own, without a body: so do we.
 */
async function bodyOf(
  response: Response,
  reader: ReaderRequestContext,
  method: string,
): Promise<Buffer> {
  if (reader.renderedPage !== undefined && method !== 'HEAD' && response.body === null)
    return Buffer.from(reader.renderedPage);
  return Buffer.from(await response.arrayBuffer());
}

/** Whether a request target's query has Remix's _data (read as URL's searchParams would). */
function hasDataParam(url: string): boolean {
  const query = url.indexOf('?');
  return query >= 0 && new URLSearchParams(url.slice(query + 1)).has('_data');
}

function originOf(req: ExpressRequest): string {
  const origin = `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  // A Host header no URL can be made of is the client's mistake, not ours.
  if (!URL.canParse(origin))
    throw Object.assign(new Error('unusable Host header'), { status: 400, expose: true });
  return origin;
}

/**
 * forCache: render the full page even if
 *   the reader holds a copy (If-None-Match), since the cache, not Remix, answers the 304.
 *   target: the URL to render (a read's cache key, on the request's origin).
 */
function toFetchRequest(
  req: ExpressRequest,
  res: ExpressResponse,
  { forCache, target }: { forCache: boolean; target: URL },
): Request {
  const controller = new AbortController();
  // Only a reader who left before the answer was sent aborts the work: aborting after every
  // answer made an AbortError (a DOMException with its stack) per request for nothing.
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  const headers = new Headers();
  for (const [name, values] of Object.entries(req.headers)) {
    if (values === undefined) continue;
    if (forCache && name === 'if-none-match') continue;
    if (name === 'transfer-encoding') continue; // the body is handed over whole
    // Checked against PUBLIC_URL already (./origin-check.ts). Remix would compare it with
    // Host or X-Forwarded-Host instead: a client can set the latter, and behind a proxy the
    // former may be another name, which Remix answers with a 500 and a stack trace.
    if (name === 'origin') continue;
    for (const value of Array.isArray(values) ? values : [values]) headers.append(name, value);
  }
  const init: RequestInit & { duplex?: 'half' } = {
    method: req.method,
    headers,
    signal: controller.signal,
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    // Read and size-checked already (./body-limit.ts): Remix never sees an unbounded stream.
    // A Buffer is a Uint8Array; its type only admits a shared buffer, which this never is.
    init.body = (req.rawBody ?? Buffer.alloc(0)) as Uint8Array<ArrayBuffer>;
  }
  return new Request(target, init);
}

function sendResponse(res: ExpressResponse, response: Response, body: Buffer): void {
  res.status(response.status);
  if (response.statusText) res.statusMessage = response.statusText;
  for (const [name, value] of response.headers) {
    if (name === 'set-cookie') continue;
    res.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  res.end(body);
}

/** A cached page, or 304 when the reader's If-None-Match names it. */
function sendCached(
  req: ExpressRequest,
  res: ExpressResponse,
  {
    page,
    state,
    ageSeconds = 0,
  }: { page: CachedPage; state: CacheHit['state']; ageSeconds?: number },
  label?: string,
): void {
  for (const [name, value] of page.headers) res.setHeader(name, value);
  res.setHeader('Age', String(ageSeconds));
  res.setHeader('X-Cache', label ?? (state === 'fresh' ? 'HIT' : 'STALE'));
  const etag = page.headers.find(([name]) => name === 'etag')?.[1];
  if (etag && ifNoneMatchIncludes(req.headers['if-none-match'], etag)) {
    res.removeHeader('content-length');
    res.status(304).end();
    return;
  }
  res.status(page.status).end(page.body);
}
