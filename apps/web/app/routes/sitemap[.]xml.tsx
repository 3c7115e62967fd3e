import type { LoaderFunctionArgs } from '@remix-run/node';
import type { SitemapQuery, SitemapQueryVariables } from '~/generated/graphql';
import { readerContext } from '~/lib/context.server';
import { cachedText } from '~/lib/etag.server';
import { env } from '~/lib/env.server';
import { apiFailure, PUBLIC_CACHE } from '~/lib/http.server';

const SITEMAP_QUERY = /* GraphQL */ `
  query Sitemap($after: String) {
    articles(first: 100, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          slug
          updatedAt
        }
      }
    }
  }
`;

/** A sitemap holds at most 50,000 URLs; past that a sitemap index would be needed. */
const MAX_PAGES = 500;

const escapeXml = (text: string) =>
  text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api, requestId } = readerContext(context);
  const { PUBLIC_URL } = env();
  const urls = [`  <url><loc>${escapeXml(new URL('/', PUBLIC_URL).href)}</loc></url>`];
  try {
    let after: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const { articles }: SitemapQuery = await api.request<SitemapQuery, SitemapQueryVariables>(
        SITEMAP_QUERY,
        { after },
        { requestId },
      );
      for (const { node } of articles.edges) {
        const loc = escapeXml(new URL(`/articles/${node.slug}`, PUBLIC_URL).href);
        urls.push(`  <url><loc>${loc}</loc><lastmod>${node.updatedAt}</lastmod></url>`);
      }
      if (!articles.pageInfo.hasNextPage) break;
      after = articles.pageInfo.endCursor;
    }
  } catch (error) {
    return apiFailure(error);
  }
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
  return cachedText(request, body, {
    'Content-Type': 'application/xml; charset=utf-8',
    'Cache-Control': PUBLIC_CACHE,
  });
}
