import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { StatusBadge } from '~/components/status-badge';
import type { StudioArticlesQuery, StudioArticlesQueryVariables } from '~/generated/graphql';
import { formatDateTime } from '~/lib/format';
import { noStore } from '~/lib/http';
import { requireStaff } from '~/lib/staff.server';

const PAGE_SIZE = 20;

const ARTICLES_QUERY = /* GraphQL */ `
  query StudioArticles(
    $first: Int!
    $after: String
    $status: ArticleStatus
    $moderationState: ModerationState
    $query: String
  ) {
    editorialArticles(
      first: $first
      after: $after
      status: $status
      moderationState: $moderationState
      query: $query
    ) {
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

/** The lists editors work from: editorial states, and what moderation did to pages. */
const TABS = [
  { key: 'all', label: 'All' },
  { key: 'draft', label: 'Drafts', status: 'DRAFT' },
  { key: 'scheduled', label: 'Scheduled', status: 'SCHEDULED' },
  { key: 'published', label: 'Published', status: 'PUBLISHED' },
  { key: 'under-review', label: 'Under review', moderationState: 'UNDER_REVIEW' },
  { key: 'removed', label: 'Removed', moderationState: 'REMOVED' },
  { key: 'archived', label: 'Archived', status: 'ARCHIVED' },
] as const;

export const meta: MetaFunction = () => [{ title: 'Articles · Folio Studio' }];
export const headers = noStore;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, ['EDITOR'], context);
  const url = new URL(request.url);
  const q = (url.searchParams.get('q') ?? '').trim().slice(0, 200);
  const tab = TABS.find((t) => t.key === url.searchParams.get('tab')) ?? TABS[0];
  const after = url.searchParams.get('after') || null;
  const { editorialArticles } = await staff.call<StudioArticlesQuery, StudioArticlesQueryVariables>(
    ARTICLES_QUERY,
    {
      first: PAGE_SIZE,
      after,
      query: q || null,
      status: 'status' in tab ? tab.status : null,
      moderationState: 'moderationState' in tab ? tab.moderationState : null,
    },
  );
  return json({
    q,
    tab: tab.key,
    totalCount: editorialArticles.totalCount,
    pageInfo: editorialArticles.pageInfo,
    articles: editorialArticles.edges.map((edge) => edge.node),
  });
}

export default function ArticlesPage() {
  const { q, tab, totalCount, pageInfo, articles } = useLoaderData<typeof loader>();
  const link = (params: Record<string, string>) =>
    `?${new URLSearchParams({ ...(q ? { q } : {}), ...(tab !== 'all' ? { tab } : {}), ...params })}`;
  return (
    <div>
      <div className="toolbar">
        <h1>Articles</h1>
        <Link to="/articles/new" className="button">
          New article
        </Link>
      </div>
      <ul className="tabs" aria-label="Articles by status">
        {TABS.map((t) => (
          <li key={t.key}>
            <Link
              to={`?${new URLSearchParams({ ...(q ? { q } : {}), ...(t.key !== 'all' ? { tab: t.key } : {}) })}`}
              aria-current={t.key === tab ? 'page' : undefined}
            >
              {t.label}
            </Link>
          </li>
        ))}
      </ul>
      <Form method="get" role="search" className="toolbar">
        {tab !== 'all' ? <input type="hidden" name="tab" value={tab} /> : null}
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
              <td>{article.updatedAt ? formatDateTime(article.updatedAt) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {pageInfo.hasNextPage && pageInfo.endCursor ? (
        <nav className="pagination" aria-label="Pages">
          <Link to={link({ after: pageInfo.endCursor })}>Next page</Link>
        </nav>
      ) : null}
    </div>
  );
}
