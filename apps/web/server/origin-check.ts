// Forms may be sent to the reader only from its own pages. A browser says where a request
// comes from (Sec-Fetch-Site, and Origin on every POST); anything sent from another site, or
// another origin than PUBLIC_URL, is refused here with a page that explains, before Remix runs.
// Requests without either header come from programs, not from a reader's browser tricked by
// another site, so they are let through (the API's own limits still apply to them).
import type { Logger } from '@folio/server-kit';
import type { RequestHandler } from 'express';
import { sendRefusal } from './refusal-page';

/** Sec-Fetch-Site values of a request a reader made on our own pages (or typed themselves). */
const OWN_FETCH_SITES = new Set(['same-origin', 'none']);

/**
 * Why a request that changes something must be refused, or null when it may go on.
 * @param publicOrigin e.g. https://folio.example
 */
export function crossSiteReason(
  { method, secFetchSite, origin }: { method: string; secFetchSite?: string; origin?: string },
  publicOrigin: string,
): string | null {
  if (method === 'GET' || method === 'HEAD') return null;
  if (secFetchSite !== undefined && !OWN_FETCH_SITES.has(secFetchSite.toLowerCase()))
    return `sec-fetch-site ${secFetchSite}`;
  if (origin !== undefined && origin !== publicOrigin) return 'origin';
  return null;
}

export function refuseCrossSiteRequests({
  publicUrl,
  logger,
}: {
  publicUrl: string;
  logger: Logger;
}): RequestHandler {
  const publicOrigin = new URL(publicUrl).origin;
  return (req, res, next) => {
    const header = (name: string): string | undefined => {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(',') : value;
    };
    const origin = header('origin');
    const reason = crossSiteReason(
      { method: req.method, secFetchSite: header('sec-fetch-site'), origin },
      publicOrigin,
    );
    if (reason === null) return next();
    logger.warn(
      {
        requestId: res.locals.requestId,
        method: req.method,
        path: req.path,
        reason,
        // Bounded: the header is the sender's to fill.
        origin: origin?.slice(0, 200) ?? null,
      },
      'cross-site request refused',
    );
    return sendRefusal(res, 403, {
      title: 'This form was sent from another site',
      message:
        'For your safety, Folio only accepts forms sent from its own pages. If you meant to send it, open the page on Folio and send the form from there.',
      close: true,
    });
  };
}
