import { Link } from '@remix-run/react';
import type { ArticleCardFieldsFragment } from '~/generated/graphql';
import { formatDate } from '~/lib/format';

export const ARTICLE_CARD_FRAGMENT = /* GraphQL */ `
  fragment ArticleCardFields on Article {
    id
    slug
    title
    label
    summary
    tags
    publishedAt
    readingTimeMinutes
  }
`;

export function ArticleCard({
  article,
  headingLevel = 2,
}: {
  article: ArticleCardFieldsFragment;
  headingLevel?: 2 | 3;
}) {
  const Heading = `h${headingLevel}` as const;
  return (
    <article className="card">
      {article.label ? <p className="label">{article.label}</p> : null}
      <Heading className="card-title">
        <Link to={`/articles/${article.slug}`}>{article.title}</Link>
      </Heading>
      {article.summary ? <p className="summary">{article.summary}</p> : null}
      <p className="meta">
        {article.publishedAt ? (
          <time dateTime={article.publishedAt}>{formatDate(article.publishedAt)}</time>
        ) : null}
        <span aria-hidden="true"> · </span>
        <span>{article.readingTimeMinutes} min read</span>
      </p>
      {article.tags.length > 0 ? <TagList tags={article.tags} /> : null}
    </article>
  );
}

export function TagList({ tags }: { tags: readonly string[] }) {
  return (
    <ul className="tags" aria-label="Tags">
      {tags.map((tag) => (
        <li key={tag}>
          <Link to={`/tags/${encodeURIComponent(tag)}`}>#{tag}</Link>
        </li>
      ))}
    </ul>
  );
}
