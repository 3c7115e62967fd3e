import { Form } from '@remix-run/react';
import type { ReactNode } from 'react';
import { ON_SERVER } from './site-link';

/**
 * The header's search form, on every page: a Remix <Form> in the browser (client-side
 * navigation to the results), and on the server the same HTML without rendering one (its
 * hooks resolve the action against the route matches on every page; see ./site-link).
 */
export function SiteSearchForm({ children }: { children: ReactNode }) {
  return ON_SERVER ? (
    <PlainSiteSearchForm>{children}</PlainSiteSearchForm>
  ) : (
    <Form method="get" action="/search" role="search" className="site-search">
      {children}
    </Form>
  );
}

/** What the <Form> above renders (attributes in its order). */
export function PlainSiteSearchForm({ children }: { children: ReactNode }) {
  return (
    <form method="get" action="/search" role="search" className="site-search" data-discover="true">
      {children}
    </form>
  );
}
