import { createHmac } from 'node:crypto';
import ipaddr from 'ipaddr.js';
import { reporterGroups, reporterIdentity } from './reporter-identity.js';

const SECRET = 'unit-test-reporter-secret-0123';

describe('reporter identity', () => {
  it('knows an IPv4 reporter by its address and its network by the /24', () => {
    expect(reporterGroups('203.0.113.7')).toEqual({
      reporter: '203.0.113.7',
      network: '203.0.113.0/24',
    });
    const a = reporterIdentity('203.0.113.7', SECRET);
    const b = reporterIdentity('203.0.113.8', SECRET);
    expect(a.reporterKey).not.toBe(b.reporterKey);
    expect(a.networkKey).toBe(b.networkKey);
    expect(reporterIdentity('203.0.114.7', SECRET).networkKey).not.toBe(a.networkKey);
  });

  it('knows an IPv6 reporter by the /64: every address in it is the same reporter', () => {
    const keys = ['2001:db8:1:2::1', '2001:db8:1:2::2', '2001:db8:1:2:ffff:ffff:ffff:ffff'].map(
      (address) => reporterIdentity(address, SECRET),
    );
    expect(new Set(keys.map((key) => key.reporterKey)).size).toBe(1);
    expect(reporterGroups('2001:0DB8:0001:0002:0000:0000:0000:0003')).toEqual({
      reporter: '2001:db8:1:2::/64',
      network: '2001:db8:1::/48',
    });
  });

  it('counts IPv6 networks by the /48: other /64s of one site are other reporters, one network', () => {
    const a = reporterIdentity('2001:db8:1:2::1', SECRET);
    const b = reporterIdentity('2001:db8:1:3::1', SECRET);
    const elsewhere = reporterIdentity('2001:db8:2:2::1', SECRET);
    expect(a.reporterKey).not.toBe(b.reporterKey);
    expect(a.networkKey).toBe(b.networkKey);
    expect(elsewhere.networkKey).not.toBe(a.networkKey);
  });

  it('treats an IPv4-mapped IPv6 address as the IPv4 address it carries', () => {
    expect(reporterIdentity('::ffff:203.0.113.7', SECRET)).toEqual(
      reporterIdentity('203.0.113.7', SECRET),
    );
  });

  it('keeps a reporter key keyed by the secret, never the address itself', () => {
    const key = reporterIdentity('203.0.113.7', SECRET);
    expect(key.reporterKey).toMatch(/^[0-9a-f]{64}$/);
    expect(reporterIdentity('203.0.113.7', 'another-secret-0123456789').reporterKey).not.toBe(
      key.reporterKey,
    );
    expect(key.networkKey).not.toBe(key.reporterKey);
  });

  it('keeps the keys already stored: HMAC-SHA256 of the reporter and of its network', () => {
    // rate-limit windows and review counts are keyed by these: they must never change
    expect(reporterIdentity('203.0.113.7', SECRET)).toEqual({
      reporterKey: createHmac('sha256', SECRET).update('203.0.113.7').digest('hex'),
      networkKey: createHmac('sha256', SECRET).update('network 203.0.113.0/24').digest('hex'),
    });
    const other = 'another-secret-0123456789';
    expect(reporterIdentity('2001:db8:1:2::1', other).networkKey).toBe(
      createHmac('sha256', other).update('network 2001:db8:1::/48').digest('hex'),
    );
  });

  it('groups every IPv4 spelling as ipaddr.js canonicalises it', () => {
    const spellings = [
      '0.0.0.0',
      '10.0.0.1',
      '255.255.255.255',
      '192.168.1.254',
      '1.22.199.250',
      '010.0.0.1',
      '10.00.0.1',
      '256.1.1.1',
      '10.0.0.256',
      '10.0.0.01',
      '10.1.1',
      '0x0a.0.0.1',
      '10.0.0.1 ',
      '::ffff:10.0.0.1',
      '1.2.3.4.5',
      'not an address',
    ];
    for (const address of spellings) {
      const valid = ipaddr.isValid(address);
      // every valid spelling here is an IPv4 address (the mapped one too)
      const canonical = valid ? ipaddr.process(address).toString() : address;
      const network = valid
        ? `${ipaddr.IPv4.networkAddressFromCIDR(`${canonical}/24`).toString()}/24`
        : address;
      expect({ address, ...reporterGroups(address) }).toEqual({
        address,
        reporter: canonical,
        network,
      });
    }
  });
});
