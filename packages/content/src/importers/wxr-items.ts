import type { ArticleDraft } from '../article-draft.js';
import type { ImportStatus, SourceItem } from './candidate.js';
import { failedItem } from './candidate.js';
import { htmlToSections, htmlToText } from './html-to-sections.js';
import { stripShortcodes } from './shortcodes.js';
import { readWxr, type WxrChannel, type WxrItem } from './wxr-reader.js';

const STATUSES: Record<string, ImportStatus> = {
  publish: 'published',
  future: 'scheduled',
  draft: 'draft',
  pending: 'draft',
  private: 'draft',
};
const TAG_DOMAINS = new Set(['category', 'post_tag']);

/** Every item of a WXR export as an article, a skipped item or a failure, in file order. */
export async function* wxrSourceItems(
  chunks: AsyncIterable<string>,
  fileName: string,
): AsyncGenerator<SourceItem> {
  for await (const { channel, item } of readWxr(chunks, fileName)) {
    const type = item.fields['wp:post_type']?.trim() || 'post';
    const location = `${fileName}:${item.line} (${type} ${item.fields['wp:post_id']?.trim() || '?'})`;
    try {
      yield wxrItemToSourceItem(channel, item, location);
    } catch (error) {
      yield failedItem(location, error);
    }
  }
}

/**
 * One WXR item (found at `location`: file, line, type and id) to an article: posts and pages (labelled "Page"); attachments, menu items,
 * revisions, trashed and auto-draft posts are skipped with the reason.
 */
export function wxrItemToSourceItem(
  channel: WxrChannel,
  item: WxrItem,
  location: string,
): SourceItem {
  const field = (name: keyof WxrItem['fields']) => item.fields[name]?.trim() ?? '';
  const type = field('wp:post_type') || 'post';
  const postId = field('wp:post_id');
  if (type !== 'post' && type !== 'page') {
    return { kind: 'skipped', location, reason: `not a post or page (${type})` };
  }
  const wpStatus = field('wp:status') || 'draft';
  const mapped = STATUSES[wpStatus];
  if (!mapped) {
    return { kind: 'skipped', location, reason: `status "${wpStatus}" is not imported` };
  }
  if (!postId) throw new Error('no wp:post_id: cannot tell this post apart on re-import');

  const warnings: string[] = [];
  // Only readers with the password could see it in WordPress: nothing is published openly.
  let status = mapped;
  if (field('wp:post_password') && status !== 'draft') {
    status = 'draft';
    warnings.push('password-protected in WordPress; imported as a draft');
  }
  const { html, dropped } = stripShortcodes(item.fields['content:encoded'] ?? '');
  for (const name of dropped) warnings.push(`shortcode [${name}] dropped`);
  const body = htmlToSections(html, { wordpressAutoParagraphs: true });
  warnings.push(...body.warnings);

  const title = htmlToText(item.fields.title ?? '');
  if (!title) throw new Error('no title');
  const login = field('dc:creator');
  const summary = htmlToText(stripShortcodes(item.fields['excerpt:encoded'] ?? '').html);
  const publishedAt =
    wordpressDate(field('wp:post_date_gmt')) ??
    rssDate(field('pubDate')) ??
    wordpressDate(field('wp:post_date'));
  const draft: ArticleDraft = {
    title,
    slug: decodeSlug(field('wp:post_name')) || undefined,
    summary: summary || undefined,
    label: type === 'page' ? 'Page' : undefined,
    author: login ? (channel.authors.get(login) ?? login) : undefined,
    tags: item.categories
      .filter((category) => TAG_DOMAINS.has(category.domain))
      .map((category) => htmlToText(category.name))
      .filter((name) => name !== '' && name.toLowerCase() !== 'uncategorized'),
    publishedAt: status === 'draft' ? undefined : publishedAt,
    sections: body.sections,
  };
  if (status === 'scheduled' && !publishedAt) {
    throw new Error('scheduled ("future") but has no date');
  }
  const site = channel.siteUrl?.replace(/\/+$/, '') || channel.title || 'wordpress';
  return {
    kind: 'article',
    location,
    sourceKey: `wordpress:${site}:${postId}`,
    draft,
    status,
    warnings,
  };
}

/** "2024-06-05 16:04:48" (GMT columns are UTC); WordPress writes zeros for "no date". */
function wordpressDate(value: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(value);
  if (!match || match[1] === '0000') return undefined;
  const date = new Date(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function rssDate(value: string): Date | undefined {
  if (!value || value.startsWith('Thu, 01 Jan 1970') || /^\D*, 30 Nov -?0001/.test(value)) {
    return undefined;
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Non-ASCII slugs are stored percent-encoded ("%e6%97%a5"). */
function decodeSlug(slug: string): string {
  try {
    return decodeURIComponent(slug);
  } catch {
    return slug;
  }
}
