import type { MetaFunction } from '@remix-run/node';
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
} from '@remix-run/react';
import type { ReactNode } from 'react';
import stylesheet from '@folio/ui/reader.css?url';
import { SiteLink } from './components/site-link';
import { SiteSearchForm } from './components/site-search-form';
import { useNonce } from './lib/nonce';

export const meta: MetaFunction = ({ error }) => {
  if (!error) return [];
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return [
    { title: `${ERROR_PAGES[status]?.title ?? 'Something went wrong'} · Folio` },
    { name: 'robots', content: 'noindex' },
  ];
};

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <Meta />
        {/* The site's own links are fixed: written here rather than through a root `links`
            export, which <Links /> turned into descriptors, deduplicated by JSON text of
            their sorted keys, on every page (README "Round five"). <Links /> stays for any
            route's own links and for the CSS a route module imports. */}
        <link rel="stylesheet" href={stylesheet} />
        <link rel="alternate" type="application/rss+xml" title="Folio" href="/feed.xml" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <div className="site-header-inner">
            <SiteLink to="/" className="site-name">
              Folio
            </SiteLink>
            <SiteSearchForm>
              <label htmlFor="site-search-q" className="visually-hidden">
                Search articles
              </label>
              <input
                id="site-search-q"
                type="search"
                name="q"
                placeholder="Search"
                maxLength={200}
              />
              <button type="submit">Search</button>
            </SiteSearchForm>
          </div>
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>
            <SiteLink to="/feed.xml">RSS feed</SiteLink> · Content is published with Folio.
          </p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

const ERROR_PAGES: Record<number, { title: string; body: ReactNode }> = {
  404: {
    title: 'Page not found',
    body: (
      <>
        <p>There is no page at this address. It may have moved, or the link may be mistyped.</p>
        <p>
          Try the <Link to="/">latest articles</Link> or search for what you were after.
        </p>
      </>
    ),
  },
  410: {
    title: 'This article has been removed',
    body: (
      <p>
        It was taken down after a moderation review and is no longer available. Read the{' '}
        <Link to="/">latest articles</Link> instead.
      </p>
    ),
  },
  503: {
    title: 'Folio is briefly unavailable',
    body: <p>The content service is not answering right now. Please try again in a minute.</p>,
  },
};

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const page = ERROR_PAGES[status] ?? {
    title: status === 400 ? 'That request was not understood' : 'Something went wrong',
    body: (
      <p>
        Please try again, or go back to the <Link to="/">latest articles</Link>.
      </p>
    ),
  };
  return (
    <div className="error-page">
      <p className="label">Error {status}</p>
      <h1>{page.title}</h1>
      {page.body}
    </div>
  );
}
