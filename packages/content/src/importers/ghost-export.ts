import type { ArticleDraft } from '../article-draft.js';
import { safeUrl } from '../blocks.js';
import { ContentParseError } from '../content-error.js';
import type { ImportStatus, SourceItem } from './candidate.js';
import { failedItem } from './candidate.js';
import { singleLine } from './clean-text.js';
import { lexicalToHtml, mobiledocToHtml } from './ghost-editor-html.js';
import { htmlToSections, htmlToText } from './html-to-sections.js';

// Ghost's "Export content" file: { db: [{ meta, data: { posts, tags, users, posts_tags,
// posts_authors, posts_meta } }] } (older versions put meta/data at the top level).

interface GhostPost {
  id: string;
  uuid?: string;
  title?: string;
  slug?: string;
  html?: string | null;
  lexical?: string | null;
  mobiledoc?: string | null;
  plaintext?: string | null;
  feature_image?: string | null;
  type?: string;
  page?: boolean | number;
  status?: string;
  published_at?: string | number | null;
  custom_excerpt?: string | null;
  author_id?: string;
  /** public, members, paid or tiers. */
  visibility?: string;
}

interface GhostData {
  posts: GhostPost[];
  tags?: Array<{ id: string; name?: string; visibility?: string }>;
  users?: Array<{ id: string; name?: string }>;
  posts_tags?: Array<{ post_id: string; tag_id: string; sort_order?: number }>;
  posts_authors?: Array<{ post_id: string; author_id: string; sort_order?: number }>;
  posts_meta?: Array<{
    post_id: string;
    meta_description?: string | null;
    feature_image_alt?: string | null;
    feature_image_caption?: string | null;
  }>;
}

const STATUSES: Record<string, ImportStatus> = {
  published: 'published',
  scheduled: 'scheduled',
  draft: 'draft',
  // Sent by email only, never on the site.
  sent: 'draft',
};

/** The export's data, or undefined when the JSON is not a Ghost export. */
export function ghostExportData(value: unknown): GhostData | undefined {
  const root = value as { db?: Array<{ data?: unknown }>; data?: unknown } | null;
  const data = (root?.db?.[0]?.data ?? root?.data) as GhostData | undefined;
  return data && Array.isArray(data.posts) ? data : undefined;
}

/** Every post and page of a Ghost export (JSON text), in the export's order. */
export function ghostSourceItems(json: string, fileName: string): SourceItem[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new ContentParseError(`${fileName} is not valid JSON: ${(error as Error).message}`);
  }
  const data = ghostExportData(parsed);
  if (!data) throw new ContentParseError(`${fileName} is not a Ghost export: no db[0].data.posts`);

  const byId = <T extends { id: string }>(rows: T[] | undefined) =>
    new Map((rows ?? []).map((row) => [row.id, row]));
  const tags = byId(data.tags);
  const users = byId(data.users);
  const meta = new Map((data.posts_meta ?? []).map((row) => [row.post_id, row]));
  const ordered = <T extends { post_id: string; sort_order?: number }>(rows: T[] | undefined) => {
    const map = new Map<string, T[]>();
    for (const row of rows ?? []) map.set(row.post_id, [...(map.get(row.post_id) ?? []), row]);
    for (const list of map.values()) list.sort((a, b) => (a.sort_order ?? 0) - (b.sort_order ?? 0));
    return map;
  };
  const postTags = ordered(data.posts_tags);
  const postAuthors = ordered(data.posts_authors);

  return data.posts.map((post, index): SourceItem => {
    const location = `${fileName} posts[${index}]${post.slug ? ` (${post.slug})` : ''}`;
    try {
      const type = post.type ?? (post.page ? 'page' : 'post');
      if (type !== 'post' && type !== 'page') {
        return { kind: 'skipped', location, reason: `not a post or page (${type})` };
      }
      const mapped = STATUSES[post.status ?? 'draft'];
      if (!mapped) {
        return { kind: 'skipped', location, reason: `status "${post.status}" is not imported` };
      }
      const warnings: string[] = [];
      // Members-only and paid posts must not become public by moving to Folio.
      let status = mapped;
      if (post.visibility && post.visibility !== 'public' && status !== 'draft') {
        status = 'draft';
        warnings.push(`visible to ${post.visibility} only in Ghost; imported as a draft`);
      }
      const title = singleLine(post.title ?? '');
      if (!title) throw new Error('no title');
      const body = htmlToSections(bodyHtml(post).replaceAll('__GHOST_URL__', ''));
      const postMeta = meta.get(post.id);
      const feature = safeUrl((post.feature_image ?? '').replaceAll('__GHOST_URL__', ''));
      if (feature) {
        const image = {
          type: 'image' as const,
          src: feature,
          alt: singleLine(postMeta?.feature_image_alt ?? ''),
          ...(postMeta?.feature_image_caption
            ? { title: htmlToText(postMeta.feature_image_caption) }
            : {}),
        };
        if (body.sections[0]?.heading === null) body.sections[0].blocks.unshift(image);
        else body.sections.unshift({ heading: null, blocks: [image] });
      }
      const authorIds =
        postAuthors.get(post.id)?.map((row) => row.author_id) ??
        (post.author_id ? [post.author_id] : []);
      const authors = authorIds.map((id) => users.get(id)?.name?.trim()).filter(Boolean);
      const publishedAt = ghostDate(post.published_at);
      if (status === 'scheduled' && !publishedAt) throw new Error('scheduled but has no date');
      const draft: ArticleDraft = {
        title,
        slug: post.slug || undefined,
        summary: singleLine(post.custom_excerpt ?? postMeta?.meta_description ?? '') || undefined,
        label: type === 'page' ? 'Page' : undefined,
        author: authors.length > 0 ? authors.join(', ') : undefined,
        // Internal tags (#name) organise Ghost's own templates; readers never see them.
        tags: (postTags.get(post.id) ?? [])
          .map((row) => tags.get(row.tag_id))
          .filter((tag) => tag && tag.visibility !== 'internal' && !tag.name?.startsWith('#'))
          .map((tag) => tag!.name!.trim())
          .filter(Boolean),
        publishedAt: status === 'draft' ? undefined : publishedAt,
        sections: body.sections,
      };
      return {
        kind: 'article',
        location,
        sourceKey: `ghost:${post.uuid ?? post.id}`,
        draft,
        status,
        warnings: [...warnings, ...body.warnings],
      };
    } catch (error) {
      return failedItem(location, error);
    }
  });
}

/** The rendered html when exported, else the editor document, else the plain text. */
function bodyHtml(post: GhostPost): string {
  if (post.html) return post.html;
  if (post.lexical) return lexicalToHtml(post.lexical);
  if (post.mobiledoc) return mobiledocToHtml(post.mobiledoc);
  return (post.plaintext ?? '')
    .split(/\n\s*\n/)
    .map((paragraph) => `<p>${paragraph.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)}</p>`)
    .join('');
}

function ghostDate(value: string | number | null | undefined): Date | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
