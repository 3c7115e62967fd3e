import { useNavigate } from '@remix-run/react';
import type { MouseEvent } from 'react';

/**
 * In the browser, the element the server rendered, kept as it is: React hydrates an element
 * whose content is `dangerouslySetInnerHTML` without touching that content (and in production
 * without comparing it), so the server's HTML stays and no data is needed to render it again.
 * It must be the same element, with the same class, as the server rendered at this place.
 *
 * The server rendered Remix links in there; kept as HTML they are plain links, so clicks on
 * links within the site are handed to Remix's navigation here, as a <Link> would, and a reader
 * gets the same client-side navigation as before.
 */
export function KeptServerHtml({ className }: { className: string }) {
  const navigate = useNavigate();
  function followInApp(event: MouseEvent<HTMLDivElement>) {
    const link = (event.target as Element).closest?.('a');
    if (!link || !sameDocumentNavigation(event, link)) return;
    const url = new URL(link.href);
    // In-page anchors (a section's heading) stay with the browser: it scrolls to them.
    if (url.pathname === window.location.pathname && url.search === window.location.search) return;
    event.preventDefault();
    navigate(`${url.pathname}${url.search}${url.hash}`);
  }
  return (
    // Not a control of its own: it only hands clicks on the links inside it (which the keyboard
    // activates with a click too) to client-side navigation.
    <div
      className={className}
      dangerouslySetInnerHTML={{ __html: '' }}
      suppressHydrationWarning
      onClick={followInApp}
    />
  );
}

/** What react-router's <Link> leaves to the browser: other windows, downloads, other sites. */
function sameDocumentNavigation(event: MouseEvent, link: HTMLAnchorElement): boolean {
  return (
    !event.defaultPrevented &&
    event.button === 0 &&
    !(event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) &&
    (!link.target || link.target === '_self') &&
    !link.hasAttribute('download') &&
    link.origin === window.location.origin
  );
}
