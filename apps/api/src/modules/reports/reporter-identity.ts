import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import ipaddr from 'ipaddr.js';

// Who filed a report, as the reports module counts them: pure functions of an address (the
// HTTP edge, src/http/forwarded-identity.ts, decides which address that is).

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
  // The usual case, an IPv4 address already written canonically, without parsing it twice
  // more: ipaddr would give back the same text, and the /24 is its first three parts.
  const ipv4 = CANONICAL_IPV4.exec(address);
  if (ipv4) return { reporter: address, network: `${ipv4[1]}.0/24` };
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

/** Four decimal parts of 0-255 without leading zeros; the first three captured. */
const CANONICAL_IPV4 =
  /^((?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){2}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d))\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** The secret as a key object, made once: a string key is imported again on every HMAC. */
const keys = new Map<string, KeyObject>();

function keyedHash(value: string, keySecret: string): string {
  let key = keys.get(keySecret);
  if (!key) {
    key = createSecretKey(Buffer.from(keySecret, 'utf8'));
    // one secret per process in practice; a bound keeps a caller passing many from growing it
    if (keys.size >= 8) keys.clear();
    keys.set(keySecret, key);
  }
  return createHmac('sha256', key).update(value).digest('hex');
}
