import type { LoaderFunctionArgs } from '@remix-run/node';
import { Feed } from 'feed';
import type { FeedQuery } from '~/generated/graphql';
import { readerContext } from '~/lib/context.server';
import { cachedText } from '~/lib/etag.server';
import { env } from '~/lib/env.server';
import { apiFailure, PUBLIC_CACHE } from '~/lib/http.server';

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
  const feed = new Feed({
    title: SITE_NAME,
    description: `The latest articles from ${SITE_NAME}`,
    id: new URL('/', PUBLIC_URL).href,
    link: new URL('/', PUBLIC_URL).href,
    language: 'en',
    copyright: `${SITE_NAME} and its authors`,
    updated: articles[0]?.updatedAt ? new Date(articles[0].updatedAt) : undefined,
    feedLinks: { rss: new URL('/feed.xml', PUBLIC_URL).href },
  });
  for (const article of articles) {
    const link = new URL(`/articles/${article.slug}`, PUBLIC_URL).href;
    feed.addItem({
      title: article.title,
      id: link,
      link,
      description: article.summary ?? undefined,
      date: new Date(article.publishedAt ?? article.updatedAt),
      author: article.author ? [{ name: article.author }] : undefined,
      category: article.tags.map((tag) => ({ name: tag })),
    });
  }
  return cachedText(request, feed.rss2(), {
    'Content-Type': 'application/rss+xml; charset=utf-8',
    'Cache-Control': PUBLIC_CACHE,
  });
}
