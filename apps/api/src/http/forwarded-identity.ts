import { FORWARDED_ADDRESS_HEADER, FORWARDING_SECRET_HEADER } from '@folio/contract';
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

// Who is calling, as far as HTTP can tell: the HTTP edge's business, used by the request
// context (server.ts) and the content-change stream (cache/). The reports module only ever
// sees the resulting address (Context.clientAddress).

/**
 * The reader's address. The reader site calls the API from its own server, so it forwards the
 * reader's address in a header; that header counts only beside the shared secret. Anyone else
 * is known by the address of their connection, whatever headers they send.
 */
export function clientAddress(req: IncomingMessage, forwardingSecret: string | undefined): string {
  const connection = req.socket.remoteAddress ?? 'unknown';
  if (!forwardingSecret) return connection;
  const forwarded = req.headers[FORWARDED_ADDRESS_HEADER];
  if (typeof forwarded !== 'string' || !fromReaderSite(req, forwardingSecret)) return connection;
  if (isIP(forwarded.trim()) === 0) return connection;
  return forwarded.trim();
}

/** True when the request carries the secret shared with the reader site. */
export function fromReaderSite(req: IncomingMessage, forwardingSecret: string): boolean {
  const secret = req.headers[FORWARDING_SECRET_HEADER];
  return typeof secret === 'string' && sameSecret(secret, forwardingSecret);
}

const digest = (value: string) => createHash('sha256').update(value).digest();
/** The expected secret's digest, made once rather than on every request that carries one. */
const expectedDigests = new Map<string, Buffer>();

function sameSecret(given: string, expected: string): boolean {
  let wanted = expectedDigests.get(expected);
  if (wanted === undefined) {
    wanted = digest(expected);
    // Configured secrets: one or two per process, never a client's value.
    if (expectedDigests.size < 16) expectedDigests.set(expected, wanted);
  }
  return timingSafeEqual(digest(given), wanted);
}
