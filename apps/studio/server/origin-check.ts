// A form posted from another site is refused here with a plain 403 (Remix would throw and
// answer 500); the app's CSRF token check (app/lib/csrf.server.ts) stands behind this one.
// Studio has no fixed public origin (it answers on whatever name its load balancer gives it), so
// a form's Origin must name the host the request was sent to.
import type { Logger } from '@folio/server-kit';
import type { RequestHandler } from 'express';

/**
 * Whether a request may go on: reads always; anything else when it names no Origin (a program,
 * not a browser tricked by another site) or an Origin on the host it was sent to.
 * @param host the Host header, or the first X-Forwarded-Host behind a proxy
 */
export function isSameOriginRequest({
  method,
  origin,
  host,
}: {
  method: string;
  origin?: string;
  host?: string;
}): boolean {
  if (method === 'GET' || method === 'HEAD') return true;
  if (origin === undefined) return true;
  if (origin === 'null' || !URL.canParse(origin)) return false;
  const requestHost = (host ?? '').split(',')[0]!.trim();
  return requestHost !== '' && new URL(origin).host === requestHost;
}

export function refuseCrossSiteForms({ logger }: { logger: Logger }): RequestHandler {
  return (req, res, next) => {
    const origin = req.get('origin');
    const host = req.get('x-forwarded-host') ?? req.get('host');
    if (isSameOriginRequest({ method: req.method, origin, host })) return next();
    logger.warn(
      {
        requestId: res.locals.requestId,
        method: req.method,
        path: req.path,
        // Bounded: the header is the sender's to fill.
        origin: origin?.slice(0, 200) ?? null,
      },
      'cross-site form refused',
    );
    res.status(403).type('text/plain').send('Forms may only be sent from Folio Studio itself.');
  };
}
