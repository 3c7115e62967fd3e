import type { LoaderFunctionArgs } from '@remix-run/node';
import type { SitemapQuery, SitemapQueryVariables } from '~/generated/graphql';
import { readerContext } from '~/lib/context.server';
import { cachedText } from '~/lib/etag.server';
import { env } from '~/lib/env.server';
import { renderSitemap } from '~/lib/feed.server';
import { apiFailure, PUBLIC_CACHE, RESOURCE_CSP } from '~/lib/http.server';

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

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api, requestId } = readerContext(context);
  const { PUBLIC_URL } = env();
  const urls: Array<{ loc: string; lastmod?: string }> = [{ loc: new URL('/', PUBLIC_URL).href }];
  try {
    let after: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const { articles }: SitemapQuery = await api.request<SitemapQuery, SitemapQueryVariables>(
        SITEMAP_QUERY,
        { after },
        { requestId },
      );
      for (const { node } of articles.edges) {
        urls.push({
          loc: new URL(`/articles/${node.slug}`, PUBLIC_URL).href,
          // Null only on a withheld (removed) page; the element is then left out.
          lastmod: node.updatedAt ?? undefined,
        });
      }
      if (!articles.pageInfo.hasNextPage) break;
      after = articles.pageInfo.endCursor;
    }
  } catch (error) {
    return apiFailure(error);
  }
  return cachedText(request, renderSitemap(urls), {
    'Content-Type': 'application/xml; charset=utf-8',
    'Cache-Control': PUBLIC_CACHE,
    'Content-Security-Policy': RESOURCE_CSP,
  });
}
