import { FORWARDED_ADDRESS_HEADER, FORWARDING_SECRET_HEADER } from '@folio/contract';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';
import ipaddr from 'ipaddr.js';

export { FORWARDED_ADDRESS_HEADER, FORWARDING_SECRET_HEADER };

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

/** Who filed a report, as keyed hashes: never the address itself. */
export interface ReporterIdentity {
  /** One reporter: an IPv4 address, or an IPv6 /64 (one subscriber's usual allocation). */
  reporterKey: string;
  /** The reporter's network: an IPv4 /24 or an IPv6 /48 (one site). */
  networkKey: string;
}

/**
 * Groups an address into a reporter and a network. A subscriber can pick any of the 2^64
 * addresses of their IPv6 /64 at will, so the /64 is one reporter; counting networks for the
 * review threshold means one household, office or small hosting block is one voice.
 * IPv4-mapped IPv6 addresses count as the IPv4 address they carry.
 */
export function reporterIdentity(address: string, keySecret: string): ReporterIdentity {
  const { reporter, network } = reporterGroups(address);
  return {
    // An IPv4 reporter keeps the key it had before networks were counted.
    reporterKey: keyedHash(reporter, keySecret),
    networkKey: keyedHash(`network ${network}`, keySecret),
  };
}

/** The reporter's and network's canonical prefixes; anything unparsable stands for itself. */
export function reporterGroups(address: string): { reporter: string; network: string } {
  if (!ipaddr.isValid(address)) return { reporter: address, network: address };
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') {
    const ipv4 = parsed.toString();
    return { reporter: ipv4, network: `${prefix(ipaddr.IPv4, ipv4, 24)}/24` };
  }
  const ipv6 = parsed.toString();
  return {
    reporter: `${prefix(ipaddr.IPv6, ipv6, 64)}/64`,
    network: `${prefix(ipaddr.IPv6, ipv6, 48)}/48`,
  };
}

function prefix(
  family: typeof ipaddr.IPv4 | typeof ipaddr.IPv6,
  address: string,
  bits: number,
): string {
  return family.networkAddressFromCIDR(`${address}/${bits}`).toString();
}

/** A keyed hash of the address: stable per reporter, useless to anyone without the secret. */
export function reporterKey(address: string, keySecret: string): string {
  return reporterIdentity(address, keySecret).reporterKey;
}

function keyedHash(value: string, keySecret: string): string {
  return createHmac('sha256', keySecret).update(value).digest('hex');
}

function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
