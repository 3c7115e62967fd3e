import { createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * Content-Security-Policy for rendered pages. Scripts run only with the page's nonce.
 *
 * Public pages are cached and revalidated with ETags, so their nonce must not change while
 * their content does not: it is an HMAC of the content under a per-process secret. A replica
 * with another secret gives another nonce and so another ETag, never a 304 with a CSP that no
 * longer matches the cached body. Private pages get a fresh random nonce every time.
 */
const processSecret = randomBytes(32);

export function nonceFor(content: string, cacheable: boolean): string {
  if (!cacheable) return randomBytes(16).toString('base64');
  const digest = createHash('sha256').update(content).digest();
  return createHmac('sha256', processSecret).update(digest).digest('base64').slice(0, 24);
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
