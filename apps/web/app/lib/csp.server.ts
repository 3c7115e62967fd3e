import { createHmac, randomBytes } from 'node:crypto';

/**
 * Content-Security-Policy for rendered pages. Scripts run only with the page's nonce.
 *
 * Public pages are cached and revalidated with ETags, so their nonce must not change while
 * their content does not: it is an HMAC of the content under a per-process secret. A replica
 * with another secret gives another nonce and so another ETag, never a 304 with a CSP that no
 * longer matches the cached body. Private pages get a fresh random nonce every time.
 */
const processSecret = randomBytes(32);

/** A private page's nonce: fresh every time. */
export function randomNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * A public page's nonce and ETag, both from one keyed hash of the page as rendered with the
 * process's nonce placeholder: equal pages give equal tags, and the page's bytes are hashed
 * once (an ETag hashed from the finished page was a second pass over it).
 */
export function publicPageTags(content: string): { nonce: string; etag: string } {
  const mac = createHmac('sha256', processSecret).update(content).digest();
  return {
    nonce: mac.subarray(0, 18).toString('base64'),
    etag: `W/"${mac.toString('base64url')}"`,
  };
}

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' https: data:",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join('; ');
}
