import type {
  ActionFunctionArgs,
  AppLoadContext,
  EntryContext,
  LoaderFunctionArgs,
} from '@remix-run/node';
import { RemixServer } from '@remix-run/react';
import { renderToString } from 'react-dom/server';
import { contentSecurityPolicy, randomNonce, randomText, signPage } from './lib/csp.server';
import { isFresh } from './lib/etag.server';
import { FormEchoProvider, type FormEcho } from './lib/form-echo';
import { appLogger } from './lib/logger.server';
import { NonceProvider } from './lib/nonce';
import { ServerOnlyDataProvider, type ServerOnlyData } from './lib/server-only-data';

/**
 * Renders the whole page before answering: pages are small, and a complete body lets public
 * pages carry an ETag and answer 304 to a client (or CDN) that already holds them. The page is
 * rendered with a random placeholder where the CSP nonce goes, then the nonce is filled in.
 */
export default function handleRequest(
  request: Request,
  status: number,
  headers: Headers,
  remixContext: EntryContext,
  loadContext?: AppLoadContext,
): Response {
  const placeholder = randomText(18, 'hex');
  const rendered = render(request, remixContext, placeholder, {
    formEcho: loadContext?.reader?.formEcho ?? {},
    serverOnly: loadContext?.reader?.serverOnly ?? {},
  });
  const cacheable =
    request.method === 'GET' &&
    status === 200 &&
    /\bpublic\b/.test(headers.get('Cache-Control') ?? '');
  let html: string;
  headers.set('Content-Type', 'text/html; charset=utf-8');
  if (cacheable) {
    // The page around its nonce: one keyed hash of it gives the nonce and the ETag.
    const parts = rendered.split(placeholder);
    const signature = signPage(parts);
    html = parts.join(signature.nonce);
    headers.set('Content-Security-Policy', contentSecurityPolicy(signature.nonce));
    headers.set('ETag', signature.etag);
    if (isFresh(request, signature.etag)) return new Response(null, { status: 304, headers });
  } else {
    const nonce = randomNonce();
    html = rendered.replaceAll(placeholder, nonce);
    headers.set('Content-Security-Policy', contentSecurityPolicy(nonce));
  }
  // Served by our express handler: the page is handed over as a string (see renderedPage).
  if (loadContext?.reader) {
    loadContext.reader.renderedPage = html;
    return new Response(null, { status, headers });
  }
  return new Response(html, { status, headers });
}

/**
 * A loader, action or render failed with something other than a response: one structured
 * line (Remix's default is a stack trace on stderr). The reader sees the error page.
 */
export function handleError(
  error: unknown,
  { request, context }: LoaderFunctionArgs | ActionFunctionArgs,
): void {
  if (request.signal.aborted) return; // the reader went away; nothing failed
  appLogger().error(
    {
      err: error,
      requestId: context.reader?.requestId,
      method: request.method,
      path: new URL(request.url).pathname,
    },
    'request failed in Remix',
  );
}

/**
 * renderToString, not a stream: the page is sent whole anyway (see above), no route defers
 * data (nothing suspends), and a stream added a PassThrough, its chunks to join, and a timer
 * per request that kept the render alive for seconds after it finished.
 */
function render(
  request: Request,
  remixContext: EntryContext,
  nonce: string,
  { formEcho, serverOnly }: { formEcho: FormEcho; serverOnly: ServerOnlyData },
): string {
  // React's stream writes the doctype before a root <html>; renderToString does not.
  return `<!DOCTYPE html>${renderToString(
    <NonceProvider value={nonce}>
      <FormEchoProvider value={formEcho}>
        <ServerOnlyDataProvider value={serverOnly}>
          <RemixServer context={remixContext} url={request.url} nonce={nonce} />
        </ServerOnlyDataProvider>
      </FormEchoProvider>
    </NonceProvider>,
  )}`;
}
