import type { LoaderFunctionArgs } from '@remix-run/node';
import { cachedText } from '~/lib/etag.server';
import { env } from '~/lib/env.server';
import { RESOURCE_CSP } from '~/lib/http.server';

export function loader({ request }: LoaderFunctionArgs) {
  const body = [
    'User-agent: *',
    'Allow: /',
    'Disallow: /articles/*/report',
    'Disallow: /reports/',
    `Sitemap: ${new URL('/sitemap.xml', env().PUBLIC_URL).href}`,
    '',
  ].join('\n');
  return cachedText(request, body, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'public, max-age=3600',
    'Content-Security-Policy': RESOURCE_CSP,
  });
}
