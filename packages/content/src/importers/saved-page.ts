import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { ArticleDraft } from '../article-draft.js';
import { ContentParseError } from '../content-error.js';
import type { ImportCandidate } from './candidate.js';
import { cleanText, singleLine } from './clean-text.js';
import { htmlToSections } from './html-to-sections.js';

// A web page saved from a browser ("Save page as…", HTML only): Mozilla's Readability (the
// engine of Firefox's reader view) finds the article in the page's chrome; its content is then
// converted like any HTML body. Title, description, date, author and canonical address come
// from the page's metadata (Open Graph, article:*, JSON-LD, <meta name=description>).

interface MinimalElement {
  getAttribute(name: string): string | null;
  textContent: string | null;
}
interface MinimalDocument {
  querySelector(selector: string): MinimalElement | null;
  querySelectorAll(selector: string): Iterable<MinimalElement>;
}

/**
 * A saved HTML page to one article candidate. `fallbackKey` identifies the page when it names
 * no canonical address (the importer passes the file's path).
 */
export function savedPageToCandidate(
  html: string,
  location: string,
  fallbackKey: string,
): ImportCandidate {
  const { document } = parseHTML(cleanText(html));
  const doc = document as unknown as MinimalDocument;
  const meta = (...selectors: string[]): string | undefined => {
    for (const selector of selectors) {
      const value = singleLine(doc.querySelector(selector)?.getAttribute('content') ?? '');
      if (value) return value;
    }
    return undefined;
  };
  // Read before Readability runs: it rewrites the document it is given.
  const description = meta(
    'meta[name="description"]',
    'meta[property="og:description"]',
    'meta[name="twitter:description"]',
  );
  const canonical =
    singleLine(doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? '') ||
    meta('meta[property="og:url"]');
  const metaDate = meta(
    'meta[property="article:published_time"]',
    'meta[name="article:published_time"]',
    'meta[itemprop="datePublished"]',
    'meta[name="date"]',
    'meta[name="DC.date.issued"]',
  );
  const timeDate = singleLine(
    doc.querySelector('article time[datetime], time[datetime]')?.getAttribute('datetime') ?? '',
  );
  const tags = [...doc.querySelectorAll('meta[property="article:tag"]')]
    .map((element) => singleLine(element.getAttribute('content') ?? ''))
    .filter(Boolean);
  const keywords = meta('meta[name="keywords"]');
  if (tags.length === 0 && keywords)
    tags.push(
      ...keywords
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean),
    );

  const ogTitle = meta('meta[property="og:title"]', 'meta[name="twitter:title"]');
  const siteName = meta('meta[property="og:site_name"]');
  const firstHeading = singleLine(doc.querySelector('h1')?.textContent ?? '');
  const authorElement = singleLine(
    doc.querySelector('[rel="author"], [itemprop="author"], .author')?.textContent ?? '',
  );

  const article = new Readability(document as never, { charThreshold: 200 }).parse();
  if (!article?.content) {
    throw new ContentParseError(`${location}: no article found in the page`);
  }
  const title = pageTitle(ogTitle ?? singleLine(article.title ?? ''), siteName, firstHeading);
  if (!title) throw new ContentParseError(`${location}: the page has no title`);
  const body = htmlToSections(article.content);
  // Readability keeps the article's own <h1>; the title is shown apart from the body.
  const first = body.sections[0];
  if (first?.heading && first.heading.toLowerCase() === title.toLowerCase()) {
    if (first.blocks.length > 0) first.heading = null;
    else body.sections.shift();
  }
  if (body.sections.length === 0) {
    throw new ContentParseError(`${location}: the article in the page is empty`);
  }
  const draft: ArticleDraft = {
    title,
    summary: description,
    author:
      meta('meta[name="author"]') || authorElement || singleLine(article.byline ?? '') || undefined,
    tags,
    publishedAt:
      parseDate(article.publishedTime ?? undefined) ?? parseDate(metaDate) ?? parseDate(timeDate),
    sections: body.sections,
  };
  return {
    kind: 'article',
    location,
    sourceKey: canonical ? `page:${canonical}` : `page-file:${fallbackKey}`,
    draft,
    warnings: body.warnings,
  };
}

const SEPARATOR = /\s+[|\-–—:·»]\s+/;

/**
 * The article's title without the site's name that <title> usually carries ("Night buses |
 * City Blog"): the page's <h1> when <title> starts with it, else <title> minus the site name.
 */
function pageTitle(title: string, siteName: string | undefined, heading: string): string {
  const parts = title.split(SEPARATOR);
  if (parts.length > 1 && heading && parts[0]!.toLowerCase() === heading.toLowerCase()) {
    return heading;
  }
  if (siteName && parts.length > 1 && parts.at(-1)!.toLowerCase() === siteName.toLowerCase()) {
    return title
      .slice(0, title.toLowerCase().lastIndexOf(siteName.toLowerCase()))
      .replace(/\s*[|\-–—:·»]\s*$/, '');
  }
  return title;
}

function parseDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
