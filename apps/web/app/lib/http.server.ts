import { ErrorCode, isArticleSlug } from '@folio/contract';
import { ApiRequestError, ApiUnavailableError } from './api.server';

/**
 * Public pages: any cache may keep them but must revalidate before each use (a cheap 304 by
 * ETag). Only the reader's own page cache (server/page-cache.ts) hears about removals and
 * edits the moment they happen, so only it serves pages without asking.
 */
export const PUBLIC_CACHE = 'public, no-cache';
export const NO_STORE = 'private, no-store';

/**
 * Resource routes (feed, sitemap, robots.txt) are data, never a document: should a browser
 * ever render one, nothing in it may load or run.
 */
export const RESOURCE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/** Plain slugs only: anything else (../, %00, 5,000 characters) is a 404 without asking the API. */
export function isPlausibleSlug(slug: string | undefined): slug is string {
  return isArticleSlug(slug);
}

export function notFound(message = 'Not found'): Response {
  return new Response(message, { status: 404, statusText: 'Not Found' });
}

/** Turns API failures into the responses the ErrorBoundary renders (503 when it is away). */
export function apiFailure(error: unknown): never {
  if (error instanceof ApiUnavailableError) {
    throw new Response('The content service is unavailable', {
      status: 503,
      statusText: 'Service Unavailable',
      headers: { 'Retry-After': '30' },
    });
  }
  if (error instanceof ApiRequestError && error.code === ErrorCode.BAD_USER_INPUT) {
    throw new Response(error.message, { status: 400, statusText: 'Bad Request' });
  }
  throw error;
}

/** Passes a loader's Cache-Control on to the page (Remix asks each route for its headers). */
export function cacheHeaders({
  loaderHeaders,
  errorHeaders,
}: {
  loaderHeaders: Headers;
  errorHeaders?: Headers;
}): HeadersInit {
  const source = errorHeaders ?? loaderHeaders;
  const cacheControl = source.get('Cache-Control');
  return cacheControl ? { 'Cache-Control': cacheControl } : {};
}
