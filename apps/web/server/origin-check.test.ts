import { crossSiteReason } from './origin-check';

const PUBLIC = 'https://folio.example';

describe('the cross-site check', () => {
  it('lets reads through, whatever they say', () => {
    for (const method of ['GET', 'HEAD'])
      expect(
        crossSiteReason(
          { method, secFetchSite: 'cross-site', origin: 'https://evil.example' },
          PUBLIC,
        ),
      ).toBeNull();
  });

  it('refuses forms another site sent, by Sec-Fetch-Site or by Origin', () => {
    const refused = [
      { secFetchSite: 'cross-site' },
      { secFetchSite: 'same-site', origin: 'https://folio.example' },
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: 'https://folio.example:8443' },
      { origin: 'http://folio.example' },
      { secFetchSite: 'same-origin', origin: 'https://evil.example' },
    ];
    for (const headers of refused) {
      for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])
        expect([method, headers, crossSiteReason({ method, ...headers }, PUBLIC)]).toEqual([
          method,
          headers,
          expect.any(String),
        ]);
    }
  });

  it("accepts forms from the reader's own pages, and from programs that send neither header", () => {
    expect(
      crossSiteReason({ method: 'POST', secFetchSite: 'same-origin', origin: PUBLIC }, PUBLIC),
    ).toBeNull();
    expect(crossSiteReason({ method: 'POST', origin: PUBLIC }, PUBLIC)).toBeNull();
    expect(crossSiteReason({ method: 'POST', secFetchSite: 'none' }, PUBLIC)).toBeNull();
    expect(crossSiteReason({ method: 'POST' }, PUBLIC)).toBeNull();
  });
});
