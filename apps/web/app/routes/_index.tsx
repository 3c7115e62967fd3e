import {
  json,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { ARTICLE_CARD_FRAGMENT } from '~/components/article-card';
import { ArticleList, ARTICLE_LIST_FRAGMENT } from '~/components/article-list';
import type { HomePageQuery, HomePageQueryVariables } from '~/generated/graphql';
import { readerContext } from '~/lib/context.server';
import { apiFailure, cacheHeaders, PUBLIC_CACHE } from '~/lib/http.server';

export const PAGE_SIZE = 10;

const HOME_PAGE_QUERY = /* GraphQL */ `
  query HomePage($first: Int!, $after: String) {
    articles(first: $first, after: $after) {
      ...ArticleListFields
    }
  }
  ${ARTICLE_LIST_FRAGMENT}
  ${ARTICLE_CARD_FRAGMENT}
`;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api, requestId } = readerContext(context);
  const after = new URL(request.url).searchParams.get('after');
  try {
    const { articles } = await api.request<HomePageQuery, HomePageQueryVariables>(
      HOME_PAGE_QUERY,
      { first: PAGE_SIZE, after },
      { requestId },
    );
    return json({ articles, isFirstPage: !after }, { headers: { 'Cache-Control': PUBLIC_CACHE } });
  } catch (error) {
    return apiFailure(error);
  }
}

export const headers: HeadersFunction = cacheHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.isFirstPage === false ? 'Older articles · Folio' : 'Folio · Latest articles' },
  { name: 'description', content: 'The latest articles published with Folio.' },
];

export default function Home() {
  const { articles, isFirstPage } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{isFirstPage ? 'Latest articles' : 'Older articles'}</h1>
      <p className="meta">{articles.totalCount} articles</p>
      <ArticleList
        articles={articles}
        basePath="/"
        isFirstPage={isFirstPage}
        olderLabel="Older articles →"
      />
    </>
  );
}
