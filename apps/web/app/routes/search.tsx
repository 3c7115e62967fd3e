import { ErrorCode } from '@folio/contract';
import {
  json,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import type { SearchPageQuery, SearchPageQueryVariables } from '~/generated/graphql';
import { ApiRequestError } from '~/lib/api.server';
import { readerContext } from '~/lib/context.server';
import { apiFailure, cacheHeaders, PUBLIC_CACHE } from '~/lib/http.server';

const QUERY_MAX_LENGTH = 200;

const SEARCH_PAGE_QUERY = /* GraphQL */ `
  query SearchPage($query: String!, $after: String) {
    search(query: $query, first: 10, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          anchor
          sectionHeading
          snippet {
            text
            highlighted
          }
          article {
            id
            slug
            title
            label
          }
        }
      }
    }
  }
`;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const q = (params.get('q') ?? '').trim();
  const after = params.get('after');
  const headers = { 'Cache-Control': PUBLIC_CACHE };
  if (q === '') return json({ q, results: null, error: null }, { headers });
  if (q.length > QUERY_MAX_LENGTH) {
    return json(
      {
        q: q.slice(0, QUERY_MAX_LENGTH),
        results: null,
        error: `Searches can be up to ${QUERY_MAX_LENGTH} characters long.`,
      },
      { headers },
    );
  }
  const { api, requestId } = readerContext(context);
  try {
    const { search } = await api.request<SearchPageQuery, SearchPageQueryVariables>(
      SEARCH_PAGE_QUERY,
      { query: q, after },
      { requestId },
    );
    return json({ q, results: search, error: null }, { headers });
  } catch (error) {
    if (error instanceof ApiRequestError && error.code === ErrorCode.BAD_USER_INPUT) {
      return json({ q, results: null, error: error.message }, { status: 400, headers });
    }
    return apiFailure(error);
  }
}

export const headers: HeadersFunction = cacheHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.q ? `“${data.q}” · Search · Folio` : 'Search · Folio' },
  { name: 'robots', content: 'noindex' },
];

export default function SearchPage() {
  const { q, results, error } = useLoaderData<typeof loader>();
  return (
    <div className="search-page">
      <h1>Search</h1>
      <Form method="get" role="search">
        <label htmlFor="search-q" className="visually-hidden">
          Search articles
        </label>
        <input id="search-q" type="search" name="q" defaultValue={q} maxLength={QUERY_MAX_LENGTH} />
        <button type="submit">Search</button>
      </Form>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {results ? (
        <>
          <p className="meta" role="status">
            {results.totalCount === 0
              ? `No articles match “${q}”.`
              : `${results.totalCount} ${results.totalCount === 1 ? 'article matches' : 'articles match'} “${q}”.`}
          </p>
          <ol className="search-results">
            {results.edges.map(({ node }) => (
              <li key={node.article.id} className="search-result">
                {node.article.label ? <p className="label">{node.article.label}</p> : null}
                <h2>
                  <Link
                    to={`/articles/${node.article.slug}${node.anchor ? `#${node.anchor}` : ''}`}
                  >
                    {node.article.title}
                  </Link>
                </h2>
                {node.sectionHeading ? <p className="meta">In “{node.sectionHeading}”</p> : null}
                <p className="snippet">
                  {node.snippet.map((fragment, index) =>
                    fragment.highlighted ? (
                      <mark key={index}>{fragment.text}</mark>
                    ) : (
                      <span key={index}>{fragment.text}</span>
                    ),
                  )}
                </p>
              </li>
            ))}
          </ol>
          {results.pageInfo.hasNextPage && results.pageInfo.endCursor ? (
            <nav className="pagination" aria-label="Pages">
              <span />
              <Link
                to={`/search?q=${encodeURIComponent(q)}&after=${encodeURIComponent(results.pageInfo.endCursor)}`}
                rel="next"
              >
                More results →
              </Link>
            </nav>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
