import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';

/** Rendering on the server: no DOM (the Remix server build and its tests). */
export const ON_SERVER = typeof document === 'undefined';

export interface SiteLinkProps {
  /** A path on this site, absolute ("/tags/sea"): it is the href as it is, never resolved. */
  to: `/${string}`;
  className?: string;
  rel?: string;
  children: ReactNode;
}

/**
 * A link within the site: a Remix <Link> in the browser (client-side navigation), and on the
 * server the same HTML without rendering one. Each <Link> resolves its path against the route
 * matches and sets up its click handler through a dozen hooks, per link and per page, for an
 * <a> whose markup is known in advance; an article page has eighteen of them. The browser
 * hydrates the server's <a> with a <Link> that renders identical markup (tested equal).
 */
export function SiteLink({ to, className, rel, children }: SiteLinkProps) {
  return ON_SERVER ? (
    <PlainSiteLink to={to} className={className} rel={rel}>
      {children}
    </PlainSiteLink>
  ) : (
    <Link to={to} className={className} rel={rel}>
      {children}
    </Link>
  );
}

/** What <Link to> renders for an absolute path (attributes in its order). */
export function PlainSiteLink({ to, className, rel, children }: SiteLinkProps) {
  // data-discover: what <Link> adds for Remix's route discovery, read from the DOM.
  return (
    <a className={className} rel={rel} data-discover="true" href={to}>
      {children}
    </a>
  );
}
