// Conditional GET by ETag, shared by the Remix app (app/lib/etag.server.ts) and the page cache.
// Weak comparison, as RFC 9110 prescribes for If-None-Match. Unlike express's req.fresh, a
// request's `Cache-Control: no-cache` does not prevent a 304: pages here are always current
// (the page cache is purged on every change), so revalidating them is exactly what it asks for.

/**
 * @param ifNoneMatch the request's If-None-Match header
 * @param etag the current representation's tag
 */
export function ifNoneMatchIncludes(ifNoneMatch: string | null | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => {
    const value = tag.trim();
    return value === '*' || value.replace(/^W\//, '') === bare;
  });
}
