// Page cache keys: one key per page a reader can actually get, whatever the query string says.
// Each route's loader reads only a few query parameters; everything else in a URL (tracking
// tags, junk, repeats, another order) changes nothing on the page, so it must neither become
// an entry of its own nor force a render. The page is rendered for its key, never for the
// URL as typed, so what is kept under a key is exactly that key's page.

/** Longer keys are not cached at all: no reader link is this long, and each byte costs memory. */
export const MAX_KEY_BYTES = 2048;

/**
 * The query parameters each route reads, in the order they appear in a key. Routes not listed
 * read none. Keep this in step with the loaders in app/routes (a test renders each route).
 */
const ROUTE_PARAMS: Array<{ pattern: RegExp; params: string[]; lowercaseSegment?: number }> = [
  { pattern: /^\/$/, params: ['after'] },
  { pattern: /^\/search\/?$/, params: ['q', 'after'] },
  // The tag loader lowercases its tag: /tags/Ocean is /tags/ocean's page.
  { pattern: /^\/tags\/[^/]+\/?$/, params: ['after'], lowercaseSegment: 2 },
  { pattern: /^\/articles\/[^/]+\/report\/?$/, params: ['section'] },
];

/** Characters a percent-escape never needs to hide (RFC 3986 "unreserved"). */
const UNRESERVED = /[A-Za-z0-9\-._~]/;

/**
 * One spelling per path: escapes of unreserved characters decoded (%61 is a), the others in
 * upper case, as Remix decodes a path's parameters the same whichever way they were written.
 * Without this, each character of a slug spelled both ways would be another entry.
 */
function canonicalPath(pathname: string, lowercaseSegment: number | undefined): string {
  const segments = pathname.split('/').map((segment) =>
    segment.replace(/%[0-9a-fA-F]{2}/g, (escape) => {
      const char = String.fromCharCode(parseInt(escape.slice(1), 16));
      return UNRESERVED.test(char) ? char : escape.toUpperCase();
    }),
  );
  if (lowercaseSegment !== undefined) {
    try {
      segments[lowercaseSegment] = encodeURIComponent(
        decodeURIComponent(segments[lowercaseSegment] ?? '').toLowerCase(),
      );
    } catch {
      // Not UTF-8: the loader answers 404, which is never cached.
    }
  }
  return segments.join('/');
}

/** Remix's client navigations ask for one route's data with ?_data=<route id>. */
const REMIX_DATA_PARAM = '_data';

/**
 * Remix's route manifest endpoint (lazy route discovery, now off: pages load the whole manifest
 * as a file). A browser still holding a page from before may ask; it is never kept here.
 */
const UNCACHED_PATHS = new Set(['/__manifest']);

/**
 * The cache key for a GET or HEAD request, which is also the URL the page is rendered for:
 * the path in one spelling, then only the parameters the route reads (first value of each), in a fixed
 * order, re-encoded. Null when the request is not to be cached (too long, or never cached).
 * @param originalUrl the request's path and query, as express gives it
 */
export function pageCacheKey(originalUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(originalUrl, 'http://reader.invalid');
  } catch {
    return null;
  }
  if (UNCACHED_PATHS.has(url.pathname)) return null;
  const route = ROUTE_PARAMS.find(({ pattern }) => pattern.test(url.pathname));
  const wanted = route?.params ?? [];
  const pathname = canonicalPath(url.pathname, route?.lowercaseSegment);
  const kept = new URLSearchParams();
  for (const name of [...wanted, REMIX_DATA_PARAM]) {
    const value = url.searchParams.get(name);
    if (value !== null) kept.set(name, value);
  }
  const query = kept.toString();
  const key = query ? `${pathname}?${query}` : pathname;
  return Buffer.byteLength(key) > MAX_KEY_BYTES ? null : key;
}
