import type { LookupAddress } from 'node:dns';
import { EndpointPolicy, EndpointRefusedError, isPublicAddress } from './endpoint-policy.js';

/** A resolver that answers from a table, like a DNS server the test controls. */
function dns(table: Record<string, string[]>) {
  return async (hostname: string): Promise<LookupAddress[]> => {
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}

const strict = (table: Record<string, string[]> = {}) =>
  new EndpointPolicy({ requireHttps: true, allowPrivate: false, resolve: dns(table) });

describe('the webhook endpoint policy (SSRF)', () => {
  it.each([
    ['loopback', 'https://127.0.0.1/hook'],
    ['loopback (IPv6)', 'https://[::1]/hook'],
    ['private 10/8', 'https://10.1.2.3/hook'],
    ['private 172.16/12', 'https://172.20.0.1/hook'],
    ['private 192.168/16', 'https://192.168.1.10/hook'],
    ['link-local (cloud metadata)', 'https://169.254.169.254/latest/meta-data'],
    ['link-local (IPv6)', 'https://[fe80::1]/hook'],
    ['unique-local (IPv6)', 'https://[fd12:3456::1]/hook'],
    ['multicast', 'https://224.0.0.1/hook'],
    ['unspecified', 'https://0.0.0.0/hook'],
    ['IPv4-mapped loopback', 'https://[::ffff:127.0.0.1]/hook'],
    ['carrier-grade NAT', 'https://100.64.0.1/hook'],
  ])('refuses a %s address', async (_name, url) => {
    await expect(strict().check(url)).rejects.toThrow(EndpointRefusedError);
    await expect(strict().check(url)).rejects.toThrow(/webhooks may only call public addresses/);
  });

  it('refuses a name when any of its addresses is private, and names the address', async () => {
    const policy = strict({
      'hooks.example.com': ['93.184.215.14'],
      'mixed.example.com': ['93.184.215.14', '10.0.0.7'],
      'rebound.example.com': ['127.0.0.1'],
    });
    await expect(policy.check('https://hooks.example.com/in')).resolves.toBeInstanceOf(URL);
    await expect(policy.check('https://mixed.example.com/in')).rejects.toThrow(
      'The host mixed.example.com is 10.0.0.7, a private address',
    );
    await expect(policy.check('https://rebound.example.com/in')).rejects.toThrow(/loopback/);
    await expect(policy.check('https://nowhere.example.com/in')).rejects.toThrow(
      /could not be resolved \(ENOTFOUND\)/,
    );
  });

  it('checks the real resolver too: localhost is refused', async () => {
    const policy = new EndpointPolicy({ requireHttps: false, allowPrivate: false });
    await expect(policy.check('http://localhost:4000/hook')).rejects.toThrow(/loopback/);
  });

  it('answers http(s).request lookups only with checked addresses (no DNS rebinding)', async () => {
    const answers: Record<string, string[]> = { 'flip.example.com': ['93.184.215.14'] };
    const policy = new EndpointPolicy({
      requireHttps: true,
      allowPrivate: false,
      resolve: async (host) => dns(answers)(host),
    });
    const lookup = (host: string) =>
      new Promise<unknown>((resolve, reject) =>
        policy.lookup(host, { all: true }, (error, addresses) =>
          error ? reject(error) : resolve(addresses),
        ),
      );
    await expect(lookup('flip.example.com')).resolves.toEqual([
      { address: '93.184.215.14', family: 4 },
    ]);
    answers['flip.example.com'] = ['192.168.0.1']; // the name now points inside
    await expect(lookup('flip.example.com')).rejects.toThrow(/private/);
  });

  it('requires https in production, and refuses credentials and other schemes', async () => {
    const policy = strict({ 'hooks.example.com': ['93.184.215.14'] });
    await expect(policy.check('http://hooks.example.com/in')).rejects.toThrow('must use https');
    await expect(policy.check('https://user:pw@hooks.example.com/in')).rejects.toThrow(
      'user name or password',
    );
    await expect(policy.check('ftp://hooks.example.com/in')).rejects.toThrow('must use https');
    await expect(policy.check('not a url')).rejects.toThrow('not a valid absolute URL');
  });

  it('allows private addresses and http only when the operator says so', async () => {
    const open = new EndpointPolicy({ requireHttps: false, allowPrivate: true });
    await expect(open.check('http://127.0.0.1:8080/hook')).resolves.toBeInstanceOf(URL);
    await expect(open.check('http://localhost:8080/hook')).resolves.toBeInstanceOf(URL);
  });

  it('judges addresses by range', () => {
    expect(isPublicAddress('93.184.215.14')).toBe(true);
    expect(isPublicAddress('2606:2800:21f:cb07:6820:80da:af6b:8b2c')).toBe(true);
    expect(isPublicAddress('::ffff:10.0.0.1')).toBe(false);
    expect(isPublicAddress('not-an-address')).toBe(false);
  });
});
