import { Link } from '@remix-run/react';
import type { ArticleListFieldsFragment } from '~/generated/graphql';
import { ArticleCard } from './article-card';

export const ARTICLE_LIST_FRAGMENT = /* GraphQL */ `
  fragment ArticleListFields on ArticleConnection {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        ...ArticleCardFields
      }
    }
  }
`;

/** A page of article cards with links to the newest page and the next, older one. */
export function ArticleList({
  articles,
  basePath,
  isFirstPage,
  olderLabel,
}: {
  articles: ArticleListFieldsFragment;
  basePath: string;
  isFirstPage: boolean;
  olderLabel: string;
}) {
  const { hasNextPage, endCursor } = articles.pageInfo;
  return (
    <>
      {articles.edges.map(({ node }) => (
        <ArticleCard key={node.id} article={node} />
      ))}
      <nav className="pagination" aria-label="Pages">
        {!isFirstPage ? <Link to={basePath}>← Newest</Link> : <span />}
        {hasNextPage && endCursor ? (
          <Link to={`${basePath}?after=${encodeURIComponent(endCursor)}`} rel="next">
            {olderLabel}
          </Link>
        ) : null}
      </nav>
    </>
  );
}
