import { escapeHtml } from '@folio/ui';
import type { ArticleCardFieldsFragment } from '~/generated/graphql';
import { formatDate } from '~/lib/format';

/**
 * The inside of `<RelatedArticles>`'s `<section class="related">` as HTML text: exactly what
 * React's server render puts there (tested byte for byte), for the related cards the browser
 * keeps as server HTML on an article page instead of hydrating them from data. React walking
 * three cards (heading, links, dates, tags) was most of its work on the page around the body.
 */
export function relatedArticlesHtml(related: readonly ArticleCardFieldsFragment[]): string {
  let html = '<h2 id="related-title">Related articles</h2>';
  for (const article of related) html += cardHtml(article);
  return html;
}

/** ArticleCard's markup at heading level 3; site links as SiteLink renders them on the server. */
function cardHtml(article: ArticleCardFieldsFragment): string {
  let html = '<article class="card">';
  if (article.label) html += `<p class="label">${escapeHtml(article.label)}</p>`;
  html += `<h3 class="card-title">${siteLink(`/articles/${article.slug}`, escapeHtml(article.title))}</h3>`;
  if (article.summary) html += `<p class="summary">${escapeHtml(article.summary)}</p>`;
  html += '<p class="meta">';
  if (article.publishedAt) {
    const published = escapeHtml(article.publishedAt);
    html += `<time dateTime="${published}">${escapeHtml(formatDate(article.publishedAt))}</time>`;
  }
  // React separates adjacent text nodes (the minutes, then " min read") with a comment.
  html += `<span aria-hidden="true"> · </span><span>${article.readingTimeMinutes}<!-- --> min read</span></p>`;
  if (article.tags.length > 0) html += tagListHtml(article.tags);
  return `${html}</article>`;
}

/** TagList's markup. */
function tagListHtml(tags: readonly string[]): string {
  let html = '<ul class="tags" aria-label="Tags">';
  for (const tag of tags) {
    // "#", then the tag: React writes a comment between two text nodes, none for an empty one.
    const text = tag === '' ? '#' : `#<!-- -->${escapeHtml(tag)}`;
    html += `<li>${siteLink(`/tags/${encodeURIComponent(tag)}`, text)}</li>`;
  }
  return `${html}</ul>`;
}

/** PlainSiteLink's markup, without class or rel: `inner` is HTML already. */
function siteLink(to: string, inner: string): string {
  return `<a data-discover="true" href="${escapeHtml(to)}">${inner}</a>`;
}
