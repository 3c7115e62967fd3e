import { Form, Link } from '@remix-run/react';
import { createRemixStub } from '@remix-run/testing';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { PlainSiteLink, SiteLink } from './site-link';
import { PlainSiteSearchForm, SiteSearchForm } from './site-search-form';

/** Renders at `url` inside a router, as Remix does, so <Link> and <Form> resolve their paths. */
function render(element: ReactElement, url = '/articles/tides'): string {
  const Stub = createRemixStub([
    { path: '/', Component: () => element },
    { path: '/articles/:slug', Component: () => element },
  ]);
  // The stub's router uses layout effects, which React reports when rendering on the server.
  const error = jest.spyOn(console, 'error').mockImplementation((message: unknown) => {
    if (!String(message).includes('useLayoutEffect does nothing on the server'))
      throw new Error(String(message));
  });
  try {
    return renderToStaticMarkup(<Stub initialEntries={[url]} />);
  } finally {
    error.mockRestore();
  }
}

// The browser hydrates the server's plain markup with the Remix component: any difference
// would be a hydration mismatch, so the two must render the same bytes.
describe('links and the search form rendered on the server without Remix components', () => {
  it('render the same HTML as a Remix <Link>, from any page', () => {
    for (const url of ['/', '/articles/tides']) {
      const remix = render(
        <>
          <Link to="/" className="site-name">
            Folio
          </Link>
          <Link to="/articles/tides/report" rel="nofollow">
            Report this page
          </Link>
          <Link to="/tags/sea%20life">#sea life</Link>
        </>,
        url,
      );
      expect(remix).toContain('data-discover="true"');
      const plain = render(
        <>
          <PlainSiteLink to="/" className="site-name">
            Folio
          </PlainSiteLink>
          <PlainSiteLink to="/articles/tides/report" rel="nofollow">
            Report this page
          </PlainSiteLink>
          <PlainSiteLink to="/tags/sea%20life">#sea life</PlainSiteLink>
        </>,
        url,
      );
      expect(plain).toBe(remix);
      // And what the server renders is that plain markup (no DOM here).
      expect(
        render(
          <>
            <SiteLink to="/" className="site-name">
              Folio
            </SiteLink>
            <SiteLink to="/articles/tides/report" rel="nofollow">
              Report this page
            </SiteLink>
            <SiteLink to="/tags/sea%20life">#sea life</SiteLink>
          </>,
          url,
        ),
      ).toBe(remix);
    }
  });

  it('render the same search form as a Remix <Form>', () => {
    const field = <input name="q" type="search" />;
    for (const url of ['/', '/articles/tides']) {
      const remix = render(
        <Form method="get" action="/search" role="search" className="site-search">
          {field}
        </Form>,
        url,
      );
      expect(remix).toContain('action="/search"');
      expect(render(<PlainSiteSearchForm>{field}</PlainSiteSearchForm>, url)).toBe(remix);
      expect(render(<SiteSearchForm>{field}</SiteSearchForm>, url)).toBe(remix);
    }
  });
});
