import { createHash, randomBytes, randomFillSync, type Hash } from 'node:crypto';

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
 * HMAC-SHA256 (RFC 2104) under one key, with the key's inner and outer blocks hashed once:
 * each call copies two hash states. createHmac builds a KeyObject from the key on every call,
 * which cost more than hashing the whole 17 kB page (about 23 against 21 us on Node 24).
 */
export function createKeyedHash(key: Buffer): (parts: readonly string[]) => Buffer {
  const BLOCK = 64; // SHA-256's block size; longer keys are hashed first, as RFC 2104 says
  const block = Buffer.alloc(BLOCK);
  (key.length > BLOCK ? createHash('sha256').update(key).digest() : key).copy(block);
  const padded = (byte: number) => Buffer.from(block.map((b) => b ^ byte));
  const inner = createHash('sha256').update(padded(0x36));
  const outer = createHash('sha256').update(padded(0x5c));
  return (parts) => {
    const hash: Hash = inner.copy();
    for (const part of parts) hash.update(part);
    return outer.copy().update(hash.digest()).digest();
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
