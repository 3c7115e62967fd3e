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
function createKeyedHash(key: Buffer): (parts: ReadonlyArray<string | Uint8Array>) => Buffer {
  const secret = createSecretKey(key);
  return (parts) => {
    const hmac = createHmac('sha256', secret);
    for (const part of parts) hmac.update(part);
    return hmac.digest();
  };
}

const keyedHash = createKeyedHash(randomBytes(32));

/**
 * The nonce and ETag of a public page, from the page's bytes around its nonce: `parts` is the
 * page split where the nonce goes. One keyed hash gives both: the page is its parts joined by
 * a nonce that is itself a function of the parts, so equal parts make equal pages, and each
 * part's length is hashed before it so that no two splits hash alike.
 */
export function signPage(parts: readonly Uint8Array[]): PageSignature {
  const framed: Array<string | Uint8Array> = [];
  for (const part of parts) framed.push(`${part.length}:`, part);
  const digest = keyedHash(framed);
  return {
    nonce: digest.toString('base64', 0, NONCE_BYTES),
    etag: `W/"${digest.toString('base64url')}"`,
  };
}

/** A public page's nonce: 18 bytes of its keyed hash, 24 characters of base64. */
const NONCE_BYTES = 18;
/** Every nonce's length: the signed one, and a random one (16 bytes and its padding). */
const NONCE_LENGTH = 24;

/**
 * What a page is rendered with where its nonce goes: random, so no page text can pass for it,
 * and as long as a nonce, so that the nonce is written over it in the page's bytes (see
 * withNonce) rather than the page being split into strings and joined again.
 */
export function noncePlaceholder(): string {
  return randomText(NONCE_BYTES, 'base64');
}

/**
 * The rendered page as bytes, with its nonce: for a public page, from its keyed hash (with its
 * ETag); for any other, `nonce`. The page is encoded once, hashed from those bytes and sent
 * as they are.
 */
export function withNonce(
  rendered: string,
  placeholder: string,
  nonce?: string,
): { page: Buffer; signature: PageSignature | null; nonce: string } {
  if (placeholder.length !== NONCE_LENGTH) throw new Error('a placeholder is as long as a nonce');
  const page = Buffer.from(rendered);
  const at: number[] = [];
  for (let i = page.indexOf(placeholder); i >= 0; i = page.indexOf(placeholder, i + NONCE_LENGTH))
    at.push(i);
  let signature: PageSignature | null = null;
  if (nonce === undefined) {
    const parts: Uint8Array[] = [];
    let from = 0;
    for (const i of at) {
      parts.push(page.subarray(from, i));
      from = i + NONCE_LENGTH;
    }
    parts.push(page.subarray(from));
    signature = signPage(parts);
    nonce = signature.nonce;
  }
  if (nonce.length !== NONCE_LENGTH) throw new Error('a nonce is 24 characters');
  for (const i of at) page.write(nonce, i, 'latin1');
  return { page, signature, nonce };
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
