import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { StatusBadge } from '~/components/status-badge';
import type {
  StudioArticlesQuery,
  StudioArticlesQueryVariables,
  StudioSearchQuery,
  StudioSearchQueryVariables,
} from '~/generated/graphql';
import { formatDateTime } from '~/lib/format';
import { noStore } from '~/lib/http';
import { requireStaff } from '~/lib/staff.server';

const PAGE_SIZE = 20;

const ARTICLES_QUERY = /* GraphQL */ `
  query StudioArticles($first: Int!, $after: String) {
    articles(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          slug
          title
          status
          moderationState
          publishedAt
          updatedAt
          author
        }
      }
    }
  }
`;

const SEARCH_QUERY = /* GraphQL */ `
  query StudioSearch($query: String!, $first: Int!, $after: String) {
    search(query: $query, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          article {
            id
            slug
            title
            status
            moderationState
            publishedAt
            updatedAt
            author
          }
        }
      }
    }
  }
`;

export const meta: MetaFunction = () => [{ title: 'Articles · Folio Studio' }];
export const headers = noStore;

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, ['EDITOR']);
  const url = new URL(request.url);
  const q = (url.searchParams.get('q') ?? '').trim().slice(0, 200);
  const after = url.searchParams.get('after') || null;
  if (q) {
    const { search } = await staff.call<StudioSearchQuery, StudioSearchQueryVariables>(
      SEARCH_QUERY,
      { query: q, first: PAGE_SIZE, after },
    );
    return json({
      q,
      totalCount: search.totalCount,
      pageInfo: search.pageInfo,
      articles: search.edges.map((edge) => edge.node.article),
    });
  }
  const { articles } = await staff.call<StudioArticlesQuery, StudioArticlesQueryVariables>(
    ARTICLES_QUERY,
    { first: PAGE_SIZE, after },
  );
  return json({
    q,
    totalCount: articles.totalCount,
    pageInfo: articles.pageInfo,
    articles: articles.edges.map((edge) => edge.node),
  });
}

export default function ArticlesPage() {
  const { q, totalCount, pageInfo, articles } = useLoaderData<typeof loader>();
  return (
    <div>
      <div className="toolbar">
        <h1>Articles</h1>
        <Link to="/articles/new" className="button">
          New article
        </Link>
      </div>
      <Form method="get" role="search" className="toolbar">
        <div className="field">
          <label htmlFor="articles-q">Search</label>
          <input id="articles-q" name="q" type="search" defaultValue={q} maxLength={200} />
        </div>
        <button type="submit">Search</button>
      </Form>
      <p className="meta" role="status">
        {totalCount} {totalCount === 1 ? 'article' : 'articles'}
        {q ? ` matching “${q}”` : ''}
      </p>
      <table className="data">
        <caption className="visually-hidden">Articles</caption>
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Status</th>
            <th scope="col">Author</th>
            <th scope="col">Last saved</th>
          </tr>
        </thead>
        <tbody>
          {articles.map((article) => (
            <tr key={article.id}>
              <td>
                <Link to={`/articles/${article.slug}`}>{article.title}</Link>
              </td>
              <td>
                <StatusBadge status={article.status} />{' '}
                {article.moderationState !== 'VISIBLE' ? (
                  <StatusBadge status={article.moderationState} />
                ) : null}
              </td>
              <td>{article.author ?? '—'}</td>
              <td>{formatDateTime(article.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {pageInfo.hasNextPage && pageInfo.endCursor ? (
        <nav className="pagination" aria-label="Pages">
          <Link to={`?${new URLSearchParams({ ...(q ? { q } : {}), after: pageInfo.endCursor })}`}>
            Next page
          </Link>
        </nav>
      ) : null}
    </div>
  );
}
