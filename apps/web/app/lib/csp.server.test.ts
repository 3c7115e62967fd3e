import { randomNonce, randomText, signPage } from './csp.server';

describe('page signatures', () => {
  it('gives the same page the same nonce and ETag, and another page others', () => {
    const page = ['<script nonce="', '">go()</script><p>Hello</p>'];
    const first = signPage(page);
    expect(signPage([...page])).toEqual(first);
    expect(first.nonce).toMatch(/^[A-Za-z0-9+/]{24}$/);
    expect(first.etag).toMatch(/^W\/"[A-Za-z0-9_-]{43}"$/);
    const other = signPage(['<script nonce="', '">go()</script><p>Hullo</p>']);
    expect(other.nonce).not.toBe(first.nonce);
    expect(other.etag).not.toBe(first.etag);
  });

  it('tells apart pages whose text is the same but whose nonce sits elsewhere', () => {
    // Joined without their nonces both read 'ab'; with them they are different pages.
    const one = signPage(['a', 'b']);
    const two = signPage(['ab', '']);
    expect(two.etag).not.toBe(one.etag);
    expect(two.nonce).not.toBe(one.nonce);
  });

  it('makes random text and nonces that do not repeat, across pool refills', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1_000; i += 1) seen.add(randomText(18, 'hex'));
    expect(seen.size).toBe(1_000);
    expect([...seen].every((text) => /^[0-9a-f]{36}$/.test(text))).toBe(true);
    expect(randomNonce()).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(randomNonce()).not.toBe(randomNonce());
  });
});
