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
 * @type {Array<{ pattern: RegExp, params: string[] }>}
 */
const ROUTE_PARAMS = [
  { pattern: /^\/$/, params: ['after'] },
  { pattern: /^\/search\/?$/, params: ['q', 'after'] },
  { pattern: /^\/tags\/[^/]+\/?$/, params: ['after'] },
  { pattern: /^\/articles\/[^/]+\/report\/?$/, params: ['section'] },
];

/** Remix's client navigations ask for one route's data with ?_data=<route id>. */
const REMIX_DATA_PARAM = '_data';

/** Remix's route manifest (lazy route discovery): computed on demand, never kept here. */
const UNCACHED_PATHS = new Set(['/__manifest']);

/**
 * The cache key for a GET or HEAD request, which is also the URL the page is rendered for:
 * the path as sent, then only the parameters the route reads (first value of each), in a fixed
 * order, re-encoded. Null when the request is not to be cached (too long, or never cached).
 * @param {string} originalUrl the request's path and query, as express gives it
 * @returns {string | null}
 */
export function pageCacheKey(originalUrl) {
  let url;
  try {
    url = new URL(originalUrl, 'http://reader.invalid');
  } catch {
    return null;
  }
  if (UNCACHED_PATHS.has(url.pathname)) return null;
  const wanted = ROUTE_PARAMS.find(({ pattern }) => pattern.test(url.pathname))?.params ?? [];
  const kept = new URLSearchParams();
  for (const name of [...wanted, REMIX_DATA_PARAM]) {
    const value = url.searchParams.get(name);
    if (value !== null) kept.set(name, value);
  }
  const query = kept.toString();
  const key = query ? `${url.pathname}?${query}` : url.pathname;
  return Buffer.byteLength(key) > MAX_KEY_BYTES ? null : key;
}
