import type { ArticleCardFieldsFragment } from '~/generated/graphql';
import { formatDate } from '~/lib/format';
import { SiteLink } from './site-link';

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
        <SiteLink to={`/articles/${article.slug}`}>{article.title}</SiteLink>
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
          <SiteLink to={`/tags/${encodeURIComponent(tag)}`}>#{tag}</SiteLink>
        </li>
      ))}
    </ul>
  );
}
