import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import {
  inlineText,
  safeUrl,
  type Block,
  type InlineSpan,
  type Mark,
  type QuoteBlock,
} from './blocks.js';
import type { ArticleDraft, SectionDraft } from './article-draft.js';
import { ContentParseError } from './content-error.js';
import { splitFrontMatter } from './front-matter.js';

// Raw HTML stays text (html: false): stored content never carries markup of its own.
const markdown = new MarkdownIt('default', { html: false, linkify: true, typographer: true });

/**
 * Markdown (optionally with YAML front matter) to an article draft:
 * - the title comes from front matter or the first `#` heading;
 * - each `##` heading starts a section; deeper headings become bold paragraphs in it;
 * - text before the first `##` is the lead: one paragraph becomes the summary (unless front
 *   matter gives one), anything longer becomes an unheaded first section.
 */
export function parseMarkdownArticle(source: string): ArticleDraft {
  const { data, body } = splitFrontMatter(source);
  const { title, lead, sections } = markdownToSections(body);
  const articleTitle = data.title ?? title;
  if (!articleTitle) {
    throw new ContentParseError('no title: add "title:" to the front matter or a "# Title" line');
  }
  let summary = data.summary;
  const leadIsSummary =
    !summary && lead.length === 1 && lead[0]!.type === 'paragraph';
  if (leadIsSummary) summary = inlineText((lead[0] as { inlines: InlineSpan[] }).inlines);
  const allSections: SectionDraft[] =
    lead.length > 0 && !leadIsSummary ? [{ heading: null, blocks: lead }, ...sections] : sections;
  if (allSections.length === 0) {
    throw new ContentParseError('no content: the article has no sections or paragraphs');
  }
  return {
    title: articleTitle,
    slug: data.slug,
    summary,
    label: data.label,
    author: data.author,
    tags: data.tags,
    publishedAt: data.publishedAt,
    sections: allSections,
  };
}

/**
 * Markdown for one section's body to blocks. Headings inside it become bold paragraphs: a
 * section has exactly one heading, its own.
 */
export function markdownToBlocks(body: string): Block[] {
  const { title, lead, sections } = markdownToSections(body);
  const headingBlock = (text: string): Block => ({ type: 'paragraph', inlines: [{ text, marks: ['strong'] }] });
  return [
    ...(title ? [headingBlock(title)] : []),
    ...lead,
    ...sections.flatMap((section) => [...(section.heading ? [headingBlock(section.heading)] : []), ...section.blocks]),
  ];
}

/** Markdown body to an optional `#` title, lead blocks and `##` sections. */
export function markdownToSections(body: string): {
  title?: string;
  lead: Block[];
  sections: SectionDraft[];
} {
  const tokens = markdown.parse(body, {});
  let title: string | undefined;
  const lead: Block[] = [];
  const sections: SectionDraft[] = [];
  const current = (): Block[] => sections.at(-1)?.blocks ?? lead;

  for (let i = 0; i < tokens.length; ) {
    const token = tokens[i]!;
    const end = closingIndex(tokens, i);
    switch (token.type) {
      case 'heading_open': {
        const inlines = toInlines(tokens[i + 1]!).spans;
        const text = inlineText(inlines).trim();
        if (token.tag === 'h1' && title === undefined && sections.length === 0) title = text;
        else if (token.tag === 'h1' || token.tag === 'h2') sections.push({ heading: text, blocks: [] });
        else current().push({ type: 'paragraph', inlines: withMark(inlines, 'strong') });
        break;
      }
      case 'paragraph_open':
        current().push(paragraphOrImage(tokens[i + 1]!));
        break;
      case 'bullet_list_open':
      case 'ordered_list_open': {
        const start = Number(token.attrGet('start') ?? 1);
        current().push({
          type: 'list',
          ordered: token.type === 'ordered_list_open',
          ...(token.type === 'ordered_list_open' && start !== 1 ? { start } : {}),
          items: inlineTokensBetween(tokens, i, end).map((inline) => toInlines(inline).spans),
        });
        break;
      }
      case 'blockquote_open':
        current().push(quote(inlineTokensBetween(tokens, i, end)));
        break;
      case 'fence':
      case 'code_block': {
        const language = token.info.trim().split(/\s+/)[0];
        current().push({
          type: 'code',
          ...(language ? { language } : {}),
          code: token.content.replace(/\n$/, ''),
        });
        break;
      }
      default:
        // Tables and other containers: keep their text, one paragraph per cell or line.
        for (const inline of inlineTokensBetween(tokens, i, end)) {
          if (inline.content.trim()) current().push(paragraphOrImage(inline));
        }
    }
    i = end + 1;
  }
  return { title, lead, sections };
}

/** Index of the token that closes the one at `start` (itself for tokens that open nothing). */
function closingIndex(tokens: Token[], start: number): number {
  const open = tokens[start]!;
  if (open.nesting !== 1) return start;
  for (let i = start + 1; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.nesting === -1 && token.level === open.level) return i;
  }
  return tokens.length - 1;
}

function inlineTokensBetween(tokens: Token[], start: number, end: number): Token[] {
  if (tokens[start]!.type === 'inline') return [tokens[start]!];
  return tokens.slice(start + 1, end).filter((token) => token.type === 'inline');
}

function paragraphOrImage(inline: Token): Block {
  const { spans, images } = toInlines(inline);
  const onlyImage = images.length === 1 && inlineText(spans).trim() === images[0]!.alt.trim();
  if (onlyImage) return images[0]!;
  return { type: 'paragraph', inlines: spans };
}

const ATTRIBUTION = /^\s*(?:—|–|--)\s*(.+)$/;

function quote(inlines: Token[]): QuoteBlock {
  const paragraphs = inlines.map((inline) => toInlines(inline).spans);
  const last = paragraphs.length > 1 ? inlineText(paragraphs.at(-1)!) : '';
  const attribution = ATTRIBUTION.exec(last)?.[1]?.trim();
  if (attribution) return { type: 'quote', paragraphs: paragraphs.slice(0, -1), attribution };
  return { type: 'quote', paragraphs };
}

function withMark(spans: InlineSpan[], mark: Mark): InlineSpan[] {
  return spans.map((span) => ({ ...span, marks: [...new Set([...span.marks, mark])] }));
}

interface ImageFound {
  type: 'image';
  src: string;
  alt: string;
  title?: string;
}

/** Flattens markdown-it's inline tokens into runs of text with marks and links. */
function toInlines(inline: Token): { spans: InlineSpan[]; images: ImageFound[] } {
  const spans: InlineSpan[] = [];
  const images: ImageFound[] = [];
  const marks: Mark[] = [];
  const links: Array<string | undefined> = [];

  const push = (text: string, extra: Mark[] = []) => {
    if (text === '') return;
    const href = links.at(-1);
    const runMarks = [...new Set([...marks, ...extra])];
    const previous = spans.at(-1);
    if (previous && previous.href === href && sameMarks(previous.marks, runMarks)) {
      previous.text += text;
      return;
    }
    spans.push(href === undefined ? { text, marks: runMarks } : { text, marks: runMarks, href });
  };

  for (const child of inline.children ?? []) {
    switch (child.type) {
      case 'text':
      case 'html_inline':
        push(child.content);
        break;
      case 'softbreak':
        push(' ');
        break;
      case 'hardbreak':
        push('\n');
        break;
      case 'code_inline':
        push(child.content, ['code']);
        break;
      case 'em_open':
        marks.push('emphasis');
        break;
      case 'strong_open':
        marks.push('strong');
        break;
      case 'em_close':
      case 'strong_close':
        marks.pop();
        break;
      case 'link_open':
        links.push(safeUrl(child.attrGet('href') ?? ''));
        break;
      case 'link_close':
        links.pop();
        break;
      case 'image': {
        const alt = child.children ? child.children.map((c) => c.content).join('') : child.content;
        const src = safeUrl(child.attrGet('src') ?? '');
        const title = child.attrGet('title') ?? undefined;
        if (src) images.push({ type: 'image', src, alt, ...(title ? { title } : {}) });
        push(alt);
        break;
      }
      default:
        if (child.content) push(child.content);
    }
  }
  return { spans: trimEnds(spans), images };
}

function sameMarks(a: readonly Mark[], b: readonly Mark[]): boolean {
  return a.length === b.length && a.every((mark) => b.includes(mark));
}

function trimEnds(spans: InlineSpan[]): InlineSpan[] {
  if (spans.length === 0) return spans;
  spans[0]!.text = spans[0]!.text.trimStart();
  spans.at(-1)!.text = spans.at(-1)!.text.trimEnd();
  return spans.filter((span) => span.text !== '');
}
