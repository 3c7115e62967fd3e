import { isSameOriginRequest } from './origin-check';

describe("Studio's cross-site form check", () => {
  it('lets reads through, whatever they say', () => {
    for (const method of ['GET', 'HEAD'])
      expect(
        isSameOriginRequest({ method, origin: 'https://evil.example', host: 'studio.example' }),
      ).toBe(true);
  });

  it('refuses forms another origin sent', () => {
    const refused = [
      { origin: 'https://evil.example', host: 'studio.example' },
      { origin: 'null', host: 'studio.example' },
      { origin: 'not a url', host: 'studio.example' },
      { origin: 'https://studio.example:8443', host: 'studio.example' },
      { origin: 'https://studio.example', host: undefined },
      { origin: 'https://studio.example', host: 'evil.example, studio.example' },
    ];
    for (const headers of refused)
      for (const method of ['POST', 'PUT', 'DELETE', 'PATCH'])
        expect([method, headers, isSameOriginRequest({ method, ...headers })]).toEqual([
          method,
          headers,
          false,
        ]);
  });

  it("accepts forms from Studio's own pages (behind a proxy too), and programs that send no Origin", () => {
    expect(
      isSameOriginRequest({
        method: 'POST',
        origin: 'http://127.0.0.1:3001',
        host: '127.0.0.1:3001',
      }),
    ).toBe(true);
    expect(
      isSameOriginRequest({
        method: 'POST',
        origin: 'https://studio.example',
        host: 'studio.example, internal:3001',
      }),
    ).toBe(true);
    expect(isSameOriginRequest({ method: 'POST', host: 'studio.example' })).toBe(true);
  });
});
