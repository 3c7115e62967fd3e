import { create } from 'xmlbuilder2';
import { xmlSafeText } from './xml-text';

export interface FeedChannel {
  title: string;
  description: string;
  /** The site's home page. */
  link: string;
  /** Where the feed itself lives. */
  selfLink: string;
  copyright: string;
  updated?: Date;
}

export interface FeedItem {
  title: string;
  link: string;
  summary?: string | null;
  author?: string | null;
  tags: readonly string[];
  /** Omitted when the API gives no date (it withholds them on removed pages). */
  published?: Date;
}

/**
 * RSS 2.0, serialized by an XML builder: every value is a text node, escaped by the serializer
 * (no CDATA sections a title could close), with characters XML cannot carry removed.
 */
export function renderRss(channel: FeedChannel, items: readonly FeedItem[]): string {
  const text = (value: string) => xmlSafeText(value);
  const rss = create({ version: '1.0', encoding: 'UTF-8' }).ele('rss', {
    version: '2.0',
    'xmlns:atom': 'http://www.w3.org/2005/Atom',
    'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
  });
  const head = rss.ele('channel');
  head.ele('title').txt(text(channel.title));
  head.ele('link').txt(text(channel.link));
  head.ele('description').txt(text(channel.description));
  head.ele('language').txt('en');
  head.ele('copyright').txt(text(channel.copyright));
  if (channel.updated) head.ele('lastBuildDate').txt(channel.updated.toUTCString());
  head.ele('atom:link', {
    href: text(channel.selfLink),
    rel: 'self',
    type: 'application/rss+xml',
  });
  for (const item of items) {
    const entry = head.ele('item');
    entry.ele('title').txt(text(item.title));
    entry.ele('link').txt(text(item.link));
    entry.ele('guid', { isPermaLink: 'true' }).txt(text(item.link));
    if (item.published) entry.ele('pubDate').txt(item.published.toUTCString());
    if (item.summary) entry.ele('description').txt(text(item.summary));
    if (item.author) entry.ele('dc:creator').txt(text(item.author));
    for (const tag of item.tags) entry.ele('category').txt(text(tag));
  }
  return `${rss.end({ prettyPrint: true })}\n`;
}

/** A sitemap (sitemaps.org 0.9): each page's address and when it last changed. */
export function renderSitemap(urls: ReadonlyArray<{ loc: string; lastmod?: string }>): string {
  const set = create({ version: '1.0', encoding: 'UTF-8' }).ele('urlset', {
    xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9',
  });
  for (const { loc, lastmod } of urls) {
    const url = set.ele('url');
    url.ele('loc').txt(xmlSafeText(loc));
    if (lastmod) url.ele('lastmod').txt(xmlSafeText(lastmod));
  }
  return `${set.end({ prettyPrint: true })}\n`;
}
