import { createHash } from 'node:crypto';
import { ifNoneMatchIncludes } from '../../server/if-none-match';

/** A weak validator for a body: equal bodies give equal tags. */
export function etagFor(body: string): string {
  return `W/"${createHash('sha1').update(body).digest('base64url')}"`;
}

/** True when the client already holds this version (If-None-Match lists the tag or *). */
export function isFresh(request: Request, etag: string): boolean {
  return ifNoneMatchIncludes(request.headers.get('If-None-Match'), etag);
}

/** A cacheable text response with an ETag, or 304 when the client's copy is current. */
export function cachedText(
  request: Request,
  body: string,
  headers: Record<string, string>,
): Response {
  const etag = etagFor(body);
  const all = { ...headers, ETag: etag };
  if (isFresh(request, etag)) return new Response(null, { status: 304, headers: all });
  return new Response(body, { status: 200, headers: all });
}
