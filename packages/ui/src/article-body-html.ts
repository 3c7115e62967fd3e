import type {
  BlockFieldsFragment,
  InlineFieldsFragment,
  SectionFieldsFragment,
} from './generated/graphql.js';
import { safeHref } from './inline-text.js';

/**
 * The inside of the article body's `<div class="article-body">` as HTML text: exactly what
 * React's server render of `<ArticleBody slug sections plainLinks />` puts there (tested byte
 * for byte against it, stored markup and unsafe links included), without React. For a body the browser keeps as server
 * HTML and never hydrates (the reader's article page): React walking a few hundred elements
 * per page was about a fifth of the reader's CPU per page, for markup fixed by the data.
 * Every text and attribute value is escaped as React escapes it; links go through safeHref.
 * Studio and client-side renders keep using the components.
 */
export function articleBodyHtml(slug: string, sections: readonly SectionFieldsFragment[]): string {
  let html = '';
  for (const section of sections) {
    const anchor = escapeHtml(section.anchor);
    html += `<section id="${anchor}"`;
    if (section.heading) html += ` aria-labelledby="${anchor}-heading"`;
    html += '>';
    if (section.heading) {
      html += `<h2 id="${anchor}-heading"><a class="anchor" href="#${anchor}">${escapeHtml(section.heading)}</a></h2>`;
    }
    for (const block of section.blocks) html += blockHtml(block);
    const report = escapeHtml(
      `/articles/${slug}/report?section=${encodeURIComponent(section.anchor)}`,
    );
    const hidden = section.heading ? escapeHtml(`: ${section.heading}`) : '';
    html += `<p class="section-report"><a rel="nofollow" data-discover="true" href="${report}">Report this section<span class="visually-hidden">${hidden}</span></a></p>`;
    html += '</section>';
  }
  return html;
}

/** BlockView's markup. */
function blockHtml(block: BlockFieldsFragment): string {
  switch (block.__typename) {
    case 'Paragraph':
      return `<p>${inlinesHtml(block.inlines)}</p>`;
    case 'List': {
      const items = block.items.map((item) => `<li>${inlinesHtml(item)}</li>`).join('');
      if (!block.ordered) return `<ul>${items}</ul>`;
      const start = block.start != null ? ` start="${block.start}"` : '';
      return `<ol${start}>${items}</ol>`;
    }
    case 'Quote': {
      const paragraphs = block.paragraphs.map((p) => `<p>${inlinesHtml(p)}</p>`).join('');
      // React separates the two adjacent text nodes ("— " and the name) with a comment.
      const caption = block.attribution
        ? `<figcaption>— <!-- -->${escapeHtml(block.attribution)}</figcaption>`
        : '';
      return `<figure class="quote"><blockquote>${paragraphs}</blockquote>${caption}</figure>`;
    }
    case 'Code': {
      const language =
        block.language != null ? ` data-language="${escapeHtml(block.language)}"` : '';
      return `<pre${language}><code>${escapeHtml(block.code)}</code></pre>`;
    }
    case 'Image': {
      const src = safeHref(block.src);
      if (!src) return '';
      const caption = block.title ? `<figcaption>${escapeHtml(block.title)}</figcaption>` : '';
      return `<figure><img src="${escapeHtml(src)}" alt="${escapeHtml(block.alt)}" loading="lazy"/>${caption}</figure>`;
    }
    default:
      return '';
  }
}

/** InlineText's markup: a span per run, marks inside out (code, em, strong), then the link. */
function inlinesHtml(inlines: readonly InlineFieldsFragment[]): string {
  let html = '';
  for (const inline of inlines) {
    let node = escapeHtml(inline.text);
    if (inline.marks.includes('CODE')) node = `<code>${node}</code>`;
    if (inline.marks.includes('EMPHASIS')) node = `<em>${node}</em>`;
    if (inline.marks.includes('STRONG')) node = `<strong>${node}</strong>`;
    const href = safeHref(inline.href);
    if (href) {
      const rel = /^https?:/i.test(href) ? ' rel="noopener noreferrer"' : '';
      node = `<a href="${escapeHtml(href)}"${rel}>${node}</a>`;
    }
    html += `<span>${node}</span>`;
  }
  return html;
}

const ESCAPES: Record<string, string> = {
  '"': '&quot;',
  '&': '&amp;',
  "'": '&#x27;',
  '<': '&lt;',
  '>': '&gt;',
};

/** React's escaping of text and attribute values. */
function escapeHtml(text: string): string {
  return text.replace(/["&'<>]/g, (character) => ESCAPES[character]!);
}
