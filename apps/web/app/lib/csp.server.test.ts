import { noncePlaceholder, randomNonce, randomText, signPage, withNonce } from './csp.server';

const bytes = (...parts: string[]) => parts.map((part) => Buffer.from(part));

describe('page signatures', () => {
  it('gives the same page the same nonce and ETag, and another page others', () => {
    const page = bytes('<script nonce="', '">go()</script><p>Hello</p>');
    const first = signPage(page);
    expect(signPage([...page])).toEqual(first);
    expect(first.nonce).toMatch(/^[A-Za-z0-9+/]{24}$/);
    expect(first.etag).toMatch(/^W\/"[A-Za-z0-9_-]{43}"$/);
    const other = signPage(bytes('<script nonce="', '">go()</script><p>Hullo</p>'));
    expect(other.nonce).not.toBe(first.nonce);
    expect(other.etag).not.toBe(first.etag);
  });

  it('tells apart pages whose text is the same but whose nonce sits elsewhere', () => {
    // Joined without their nonces both read 'ab'; with them they are different pages.
    const one = signPage(bytes('a', 'b'));
    const two = signPage(bytes('ab', ''));
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

  it('writes a public page’s nonce wherever it was rendered, from the page around it', () => {
    const render = (placeholder: string, text: string) =>
      `<!DOCTYPE html><p>${text}</p><script nonce="${placeholder}">a()</script>` +
      `<script nonce="${placeholder}">b()</script>`;
    const text = 'Café · “naïve” 🌊';
    const placeholder = noncePlaceholder();
    const signed = withNonce(render(placeholder, text), placeholder);
    // The page as rendered, in UTF-8, with the nonce in both places and no placeholder left.
    expect(signed.page.toString()).toBe(render(signed.nonce, text));
    expect(signed.page.includes(placeholder)).toBe(false);
    expect(signed.signature).toEqual({ nonce: signed.nonce, etag: expect.any(String) });
    expect(signed.nonce).toMatch(/^[A-Za-z0-9+/]{24}$/);
    // Rendered again with another placeholder: the same page, nonce and ETag.
    const again = noncePlaceholder();
    const second = withNonce(render(again, text), again);
    expect(second.page.equals(signed.page)).toBe(true);
    expect(second.signature).toEqual(signed.signature);
    // Another text is another page.
    const other = withNonce(render(placeholder, `${text}!`), placeholder);
    expect(other.signature!.etag).not.toBe(signed.signature!.etag);
    expect(other.nonce).not.toBe(signed.nonce);
  });

  it('writes the nonce it is given into any other page, and signs nothing', () => {
    const placeholder = noncePlaceholder();
    const nonce = randomNonce();
    const result = withNonce(`<script nonce="${placeholder}"></script>é`, placeholder, nonce);
    expect(result.page.toString()).toBe(`<script nonce="${nonce}"></script>é`);
    expect(result.signature).toBeNull();
    expect(result.nonce).toBe(nonce);
    expect(() => withNonce('<p></p>', 'short', nonce)).toThrow();
  });
});
