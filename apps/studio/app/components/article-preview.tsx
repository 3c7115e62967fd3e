import { ArticleBody, TableOfContents, type SectionFieldsFragment } from '@folio/ui';
import { formatDate } from '~/lib/format';

export interface PreviewArticle {
  slug: string;
  title: string;
  label: string | null;
  summary: string | null;
  author: string | null;
  tags: readonly string[];
  publishedAt: string | null;
  sections: readonly SectionFieldsFragment[];
}

/**
 * The article as the reader's page shows it: the same header markup and the shared @folio/ui
 * body and table of contents, under the reader's stylesheet. No report links: nobody reports
 * a preview.
 */
export function ArticlePreview({
  article,
  highlightAnchor = null,
  headingId = 'preview-title',
}: {
  article: PreviewArticle;
  highlightAnchor?: string | null;
  headingId?: string;
}) {
  const toc = article.sections
    .filter((section): section is typeof section & { heading: string } => !!section.heading)
    .map((section) => ({ anchor: section.anchor, heading: section.heading }));
  return (
    <article className="article" aria-labelledby={headingId}>
      <header>
        {article.label ? <p className="label">{article.label}</p> : null}
        <h1 id={headingId}>{article.title || 'Untitled'}</h1>
        {article.summary ? <p className="standfirst">{article.summary}</p> : null}
        <p className="meta">
          {article.author ? <span>By {article.author} · </span> : null}
          {article.publishedAt ? (
            <>
              Published{' '}
              <time dateTime={article.publishedAt}>{formatDate(article.publishedAt)}</time>
            </>
          ) : (
            <span>Not published yet</span>
          )}
        </p>
        {article.tags.length > 0 ? (
          <ul className="tags" aria-label="Tags">
            {article.tags.map((tag) => (
              <li key={tag}>
                <span className="badge">{tag}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </header>
      <TableOfContents entries={toc} />
      <ArticleBody
        slug={article.slug}
        sections={article.sections}
        reportLinks={false}
        highlightAnchor={highlightAnchor}
      />
    </article>
  );
}
