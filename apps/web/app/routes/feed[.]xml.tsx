import type { LoaderFunctionArgs } from '@remix-run/node';
import type { FeedQuery } from '~/generated/graphql';
import { readerContext } from '~/lib/context.server';
import { cachedText } from '~/lib/etag.server';
import { env } from '~/lib/env.server';
import { renderRss } from '~/lib/feed.server';
import { apiFailure, PUBLIC_CACHE, RESOURCE_CSP } from '~/lib/http.server';

const FEED_QUERY = /* GraphQL */ `
  query Feed {
    articles(first: 20) {
      edges {
        node {
          slug
          title
          summary
          author
          tags
          publishedAt
          updatedAt
        }
      }
    }
  }
`;

/** RSS 2.0 of the 20 newest articles. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api, requestId } = readerContext(context);
  let data: FeedQuery;
  try {
    data = await api.request<FeedQuery>(FEED_QUERY, {}, { requestId });
  } catch (error) {
    return apiFailure(error);
  }
  const { PUBLIC_URL, SITE_NAME } = env();
  const articles = data.articles.edges.map((edge) => edge.node);
  const home = new URL('/', PUBLIC_URL).href;
  const rss = renderRss(
    {
      title: SITE_NAME,
      description: `The latest articles from ${SITE_NAME}`,
      link: home,
      selfLink: new URL('/feed.xml', PUBLIC_URL).href,
      copyright: `${SITE_NAME} and its authors`,
      updated: articles[0]?.updatedAt ? new Date(articles[0].updatedAt) : undefined,
    },
    articles.map((article) => {
      const published = article.publishedAt ?? article.updatedAt;
      return {
        title: article.title,
        link: new URL(`/articles/${article.slug}`, PUBLIC_URL).href,
        summary: article.summary,
        author: article.author,
        tags: article.tags,
        published: published ? new Date(published) : undefined,
      };
    }),
  );
  return cachedText(request, rss, {
    'Content-Type': 'application/rss+xml; charset=utf-8',
    'Cache-Control': PUBLIC_CACHE,
    'Content-Security-Policy': RESOURCE_CSP,
  });
}
