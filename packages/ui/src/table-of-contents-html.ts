import { escapeHtml } from './escape-html.js';
import type { TocFieldsFragment } from './generated/graphql.js';

/**
 * The inside of `<TableOfContents>`'s `<nav class="toc">` as HTML text: exactly what React's
 * server render puts there (tested byte for byte), for a table of contents the browser keeps
 * as server HTML (the reader's article page) instead of hydrating it from data. Empty entries
 * render no nav at all, as the component does: callers render none then.
 */
export function tableOfContentsHtml(entries: readonly TocFieldsFragment[]): string {
  let html = '<h2 id="toc-title">Contents</h2><ol>';
  for (const entry of entries) {
    html += `<li><a href="#${escapeHtml(entry.anchor)}">${escapeHtml(entry.heading)}</a></li>`;
  }
  return `${html}</ol>`;
}
