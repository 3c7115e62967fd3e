import ipaddr from 'ipaddr.js';
import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { isIP } from 'node:net';

/** Why an endpoint URL may not be called; the message names the rule that refused it. */
export class EndpointRefusedError extends Error {
  override name = 'EndpointRefusedError';
}

export interface EndpointPolicyOptions {
  /** Plain http is refused (production). */
  requireHttps: boolean;
  /** Loopback, private, link-local... addresses are allowed (development and tests only). */
  allowPrivate: boolean;
  /** The resolver; tests and the worker use the system's. */
  resolve?: (hostname: string) => Promise<LookupAddress[]>;
}

const MAX_URL_LENGTH = 2048;

/**
 * Guards the API against being turned into a proxy for the private network (SSRF): a webhook
 * URL must name a public unicast address. Only `unicast` passes ipaddr.js's range check, which
 * leaves out loopback, private, link-local, unique-local, multicast, unspecified, carrier-grade
 * NAT and the reserved ranges; IPv4-mapped IPv6 addresses are judged as the IPv4 they carry.
 * Names are resolved and every address checked, at registration and again on each delivery
 * (through `lookup`), so a name that later resolves somewhere private (DNS rebinding) is refused.
 */
export class EndpointPolicy {
  private readonly resolveName: (hostname: string) => Promise<LookupAddress[]>;

  constructor(private readonly options: EndpointPolicyOptions) {
    this.resolveName =
      options.resolve ?? ((hostname) => dnsLookup(hostname, { all: true, verbatim: true }));
  }

  /** The URL's form: http(s), no credentials, https where required, no private literal address. */
  parse(raw: string): URL {
    if (raw.length > MAX_URL_LENGTH)
      throw new EndpointRefusedError(`The URL is longer than ${MAX_URL_LENGTH} characters.`);
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new EndpointRefusedError('The URL is not a valid absolute URL.');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw new EndpointRefusedError('The URL must use https (or http outside production).');
    if (url.protocol === 'http:' && this.options.requireHttps)
      throw new EndpointRefusedError('The URL must use https.');
    if (url.username || url.password)
      throw new EndpointRefusedError('The URL must not carry a user name or password.');
    const literal = hostAddress(url);
    if (literal) this.checkAddress(url.hostname, literal);
    return url;
  }

  /** parse(), then every address the host resolves to must be allowed. */
  async check(raw: string): Promise<URL> {
    const url = this.parse(raw);
    if (!hostAddress(url)) await this.resolve(url.hostname);
    return url;
  }

  /** The host's addresses, refused unless every one of them is allowed. */
  async resolve(hostname: string): Promise<LookupAddress[]> {
    let addresses: LookupAddress[];
    try {
      addresses = await this.resolveName(hostname);
    } catch (error) {
      throw new EndpointRefusedError(
        `The host ${hostname} could not be resolved (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
      );
    }
    if (addresses.length === 0)
      throw new EndpointRefusedError(`The host ${hostname} has no address.`);
    for (const { address } of addresses) this.checkAddress(hostname, address);
    return addresses;
  }

  /**
   * A `lookup` for http(s).request: the connection goes to an address just checked, so there
   * is no window between the check and the connect for DNS to change its answer.
   */
  readonly lookup = (
    hostname: string,
    options: { all?: boolean } | number,
    callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void,
  ): void => {
    this.resolve(hostname).then(
      (addresses) => {
        if (typeof options === 'object' && options.all) callback(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: Error) => callback(error, ''),
    );
  };

  private checkAddress(hostname: string, address: string): void {
    if (this.options.allowPrivate) return;
    if (!isPublicAddress(address))
      throw new EndpointRefusedError(
        `The host ${hostname} is ${address}, a ${rangeOf(address)} address; webhooks may only call public addresses.`,
      );
  }
}

/** A public unicast address: nothing on this machine or a private network. */
export function isPublicAddress(address: string): boolean {
  return rangeOf(address) === 'unicast';
}

function rangeOf(address: string): string {
  if (!ipaddr.isValid(address)) return 'invalid';
  return ipaddr.process(address).range();
}

/** The URL's host when it is an IP literal (brackets of IPv6 removed), else null. */
function hostAddress(url: URL): string | null {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return isIP(host) ? host : null;
}
