import {
  json,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { ARTICLE_CARD_FRAGMENT } from '~/components/article-card';
import { ArticleList, ARTICLE_LIST_FRAGMENT } from '~/components/article-list';
import type { TagPageQuery, TagPageQueryVariables } from '~/generated/graphql';
import { readerContext } from '~/lib/context.server';
import { apiFailure, cacheHeaders, notFound, PUBLIC_CACHE } from '~/lib/http.server';

const TAG_PAGE_QUERY = /* GraphQL */ `
  query TagPage($tag: String!, $after: String) {
    articles(tag: $tag, first: 10, after: $after) {
      ...ArticleListFields
    }
  }
  ${ARTICLE_LIST_FRAGMENT}
  ${ARTICLE_CARD_FRAGMENT}
`;

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const tag = (params.tag ?? '').toLowerCase();
  if (!/^[\p{L}\p{N}][\p{L}\p{N}_-]{0,63}$/u.test(tag)) throw notFound();
  const after = new URL(request.url).searchParams.get('after');
  const { api, requestId } = readerContext(context);
  try {
    const { articles } = await api.request<TagPageQuery, TagPageQueryVariables>(
      TAG_PAGE_QUERY,
      { tag, after },
      { requestId },
    );
    if (articles.totalCount === 0) throw notFound();
    return json(
      { tag, articles, isFirstPage: !after },
      { headers: { 'Cache-Control': PUBLIC_CACHE } },
    );
  } catch (error) {
    if (error instanceof Response) throw error;
    return apiFailure(error);
  }
}

export const headers: HeadersFunction = cacheHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `#${data.tag} · Folio` : 'Tag · Folio' },
  { name: 'description', content: data ? `Articles tagged ${data.tag}.` : '' },
];

export default function TagPage() {
  const { tag, articles, isFirstPage } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="label">Tag</p>
      <h1>#{tag}</h1>
      <p className="meta">
        {articles.totalCount} {articles.totalCount === 1 ? 'article' : 'articles'}
      </p>
      <ArticleList
        articles={articles}
        basePath={`/tags/${encodeURIComponent(tag)}`}
        isFirstPage={isFirstPage}
        olderLabel="Older →"
      />
    </>
  );
}
