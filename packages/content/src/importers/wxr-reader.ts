import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { ContentParseError } from '../content-error.js';

// WordPress eXtended RSS, read as a stream of decoded text (a UTF-8 file stream): the parser
// sees one chunk at a time and items are handed out as soon as they close, so a 100 MB export
// never sits in memory at once.

/** What the export says about the site, read before its items. */
export interface WxrChannel {
  title?: string;
  /** wp:base_site_url (or base_blog_url, or link): with a post id, the post's identity. */
  siteUrl?: string;
  /** wp:author_login -> wp:author_display_name. */
  authors: Map<string, string>;
}

export interface WxrCategory {
  /** "category", "post_tag", "post_format" or a custom taxonomy. */
  domain: string;
  name: string;
}

/** One <item>: its direct child elements' text by qualified name, and its terms. */
export interface WxrItem {
  /** The line of the <item> tag in the file. */
  line: number;
  fields: Partial<Record<WxrField, string>>;
  categories: WxrCategory[];
}

const ITEM_FIELDS = [
  'title',
  'link',
  'pubDate',
  'dc:creator',
  'guid',
  'content:encoded',
  'excerpt:encoded',
  'wp:post_id',
  'wp:post_date',
  'wp:post_date_gmt',
  'wp:post_name',
  'wp:status',
  'wp:post_type',
  'wp:post_password',
] as const;
export type WxrField = (typeof ITEM_FIELDS)[number];
const ITEM_FIELD_SET = new Set<string>(ITEM_FIELDS);
const CHANNEL_FIELDS = new Set(['title', 'link', 'wp:base_site_url', 'wp:base_blog_url']);
const AUTHOR_FIELDS = new Set(['wp:author_login', 'wp:author_display_name']);

export interface WxrRecord {
  channel: WxrChannel;
  item: WxrItem;
}

/**
 * Yields every item of a WXR export with the channel as read so far. Throws ContentParseError
 * (with file, line and column) at the first well-formedness error or when the document is not
 * a WordPress export; items before the error have been yielded by then, so callers that must
 * not store anything from a broken file read it through once first (see `countWxrItems`).
 */
export async function* readWxr(
  chunks: AsyncIterable<string>,
  fileName = 'export.xml',
): AsyncGenerator<WxrRecord> {
  const parser = new SaxesParser<{ xmlns: false; fileName: string; position: true }>({
    xmlns: false,
    fileName,
    position: true,
  });
  const channel: WxrChannel = { authors: new Map() };
  const ready: WxrItem[] = [];
  const stack: string[] = [];
  let item: WxrItem | undefined;
  let itemDepth = 0;
  let author: { login?: string; name?: string } | undefined;
  let capture: { name: string; depth: number; text: string; domain?: string } | undefined;
  let sawWordPress = false;
  let failure: Error | undefined;

  parser.on('error', (error) => {
    failure ??= new ContentParseError(`not well-formed XML: ${error.message}`);
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const name = tag.name;
    const parent = stack.at(-1);
    stack.push(name);
    if (stack.length === 1) {
      const namespaces = Object.entries(tag.attributes).filter(([key]) => key.startsWith('xmlns'));
      sawWordPress = namespaces.some(([, uri]) => /wordpress\.org\/export\//.test(String(uri)));
      if (name !== 'rss' || !sawWordPress) {
        failure ??= new ContentParseError(
          `${fileName} is not a WordPress export (WXR): expected <rss> with the wp: namespace`,
        );
      }
      return;
    }
    if (name === 'item' && parent === 'channel') {
      item = { line: parser.line, fields: {}, categories: [] };
      itemDepth = stack.length;
    } else if (item && stack.length === itemDepth + 1 && ITEM_FIELD_SET.has(name)) {
      capture = { name, depth: stack.length, text: '' };
    } else if (item && stack.length === itemDepth + 1 && name === 'category') {
      capture = {
        name,
        depth: stack.length,
        text: '',
        domain: String(tag.attributes.domain ?? 'category'),
      };
    } else if (!item && parent === 'channel' && name === 'wp:author') {
      author = {};
    } else if (!item && parent === 'channel' && CHANNEL_FIELDS.has(name)) {
      capture = { name, depth: stack.length, text: '' };
    } else if (author && parent === 'wp:author' && AUTHOR_FIELDS.has(name)) {
      capture = { name, depth: stack.length, text: '' };
    }
  });
  const onText = (text: string) => {
    if (capture && stack.length === capture.depth) capture.text += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    const depth = stack.length;
    const name = stack.pop();
    if (capture && depth === capture.depth) {
      const { text } = capture;
      if (item && capture.domain !== undefined) {
        item.categories.push({ domain: capture.domain, name: text });
      } else if (item) {
        item.fields[capture.name as WxrField] = text;
      } else if (author) {
        if (capture.name === 'wp:author_login') author.login = text.trim();
        else author.name = text.trim();
      } else if (capture.name === 'title') {
        channel.title = text.trim();
      } else if (capture.name === 'wp:base_site_url' || !channel.siteUrl) {
        channel.siteUrl = text.trim() || channel.siteUrl;
      }
      capture = undefined;
    }
    if (name === 'item' && item && depth === itemDepth) {
      ready.push(item);
      item = undefined;
    } else if (name === 'wp:author' && author) {
      if (author.login) channel.authors.set(author.login, author.name || author.login);
      author = undefined;
    }
  });

  const feed = (text: string) => {
    parser.write(text);
    if (failure) throw failure;
  };
  for await (const chunk of chunks) {
    feed(chunk);
    while (ready.length > 0) yield { channel, item: ready.shift()! };
  }
  parser.close();
  if (failure) throw failure;
  if (stack.length === 0 && !sawWordPress) {
    throw new ContentParseError(`${fileName} is empty: expected a WordPress export (WXR)`);
  }
  while (ready.length > 0) yield { channel, item: ready.shift()! };
}

/**
 * Reads a whole export without keeping it, to check it is well-formed and count its items.
 * Throws the same errors as `readWxr`.
 */
export async function countWxrItems(
  chunks: AsyncIterable<string>,
  fileName?: string,
): Promise<number> {
  let count = 0;
  for await (const _record of readWxr(chunks, fileName)) count++;
  return count;
}
