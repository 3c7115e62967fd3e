import { randomBytes } from 'node:crypto';

/** A fresh nonce per page: Studio's pages are never cached, so nothing needs it stable. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/** Scripts only with the page's nonce; forms post only to Studio; no framing. */
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
