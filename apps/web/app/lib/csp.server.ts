import { createHmac, createSecretKey, randomBytes, randomFillSync } from 'node:crypto';

/**
 * Content-Security-Policy for rendered pages. Scripts run only with the page's nonce.
 *
 * Public pages are cached and revalidated with ETags, so their nonce must not change while
 * their content does not: it is an HMAC of the content under a per-process secret. A replica
 * with another secret gives another nonce and so another ETag, never a 304 with a CSP that no
 * longer matches the cached body. Private pages get a fresh random nonce every time.
 */
export interface PageSignature {
  /** For the page's scripts and its Content-Security-Policy. */
  nonce: string;
  /** A weak validator of the page with that nonce in it: equal pages, equal tags. */
  etag: string;
}

/**
 * HMAC-SHA256 of the parts under one key, made into a KeyObject once: given the key as bytes,
 * createHmac imports it again on every call, which on Node 24 cost as much as hashing a whole
 * 17 kB page.
 */
function createKeyedHash(key: Buffer): (parts: readonly string[]) => Buffer {
  const secret = createSecretKey(key);
  return (parts) => {
    const hmac = createHmac('sha256', secret);
    for (const part of parts) hmac.update(part);
    return hmac.digest();
  };
}

const keyedHash = createKeyedHash(randomBytes(32));

/**
 * The nonce and ETag of a public page, from the page as rendered around its nonce: `parts`
 * is the page split where the nonce goes. One keyed hash gives both: the page is its parts
 * joined by a nonce that is itself a function of the parts, so equal parts make equal pages,
 * and each part's length is hashed before it so that no two splits hash alike.
 */
export function signPage(parts: readonly string[]): PageSignature {
  const framed: string[] = [];
  for (const part of parts) framed.push(`${part.length}:`, part);
  const digest = keyedHash(framed);
  return {
    nonce: digest.toString('base64', 0, 18),
    etag: `W/"${digest.toString('base64url')}"`,
  };
}

/**
 * Unpredictable text, from a pool of random bytes refilled a few hundred calls at a time:
 * one randomBytes call a page cost more than the bytes.
 */
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;
export function randomText(bytes: number, encoding: 'hex' | 'base64'): string {
  if (poolOffset + bytes > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const text = pool.toString(encoding, poolOffset, poolOffset + bytes);
  poolOffset += bytes;
  return text;
}

/** A fresh nonce, for pages no one may cache. */
export function randomNonce(): string {
  return randomText(16, 'base64');
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
