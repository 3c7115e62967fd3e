// The block model: what a section's body is made of. Stored as JSON (sections.blocks) and
// rendered by React components, never as HTML strings, so nothing stored can inject markup.

export type Mark = 'emphasis' | 'strong' | 'code';

/** A run of text with the same formatting. Nested Markdown formatting is flattened into marks. */
export interface InlineSpan {
  text: string;
  marks: Mark[];
  /** Set when the run is (part of) a link; only http(s), mailto, relative and fragment links. */
  href?: string;
}

export interface ParagraphBlock {
  type: 'paragraph';
  inlines: InlineSpan[];
}

export interface ListBlock {
  type: 'list';
  ordered: boolean;
  /** First number of an ordered list, when it does not start at 1. */
  start?: number;
  items: InlineSpan[][];
}

export interface QuoteBlock {
  type: 'quote';
  paragraphs: InlineSpan[][];
  /** Who said it, from a closing line starting with an em dash ("— Ada Lovelace"). */
  attribution?: string;
}

export interface CodeBlock {
  type: 'code';
  language?: string;
  code: string;
}

export interface ImageBlock {
  type: 'image';
  src: string;
  alt: string;
  title?: string;
}

export type Block = ParagraphBlock | ListBlock | QuoteBlock | CodeBlock | ImageBlock;
export type BlockType = Block['type'];

export function span(text: string, marks: Mark[] = [], href?: string): InlineSpan {
  return href === undefined ? { text, marks } : { text, marks, href };
}

export function paragraph(text: string): ParagraphBlock {
  return { type: 'paragraph', inlines: [span(text)] };
}

/** Joins the text of inline runs, e.g. for search, word counts and alt text. */
export function inlineText(inlines: readonly InlineSpan[]): string {
  return inlines.map((inline) => inline.text).join('');
}

/** The readable text of a block, as a reader would copy it. */
export function blockText(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return inlineText(block.inlines);
    case 'list':
      return block.items.map(inlineText).join('\n');
    case 'quote':
      return [...block.paragraphs.map(inlineText), block.attribution ?? '']
        .filter(Boolean)
        .join('\n');
    case 'code':
      return block.code;
    case 'image':
      return block.alt;
  }
}

const SAFE_URL = /^(https?:|mailto:|\/|#|\.{0,2}\/)/i;

/**
 * Returns the URL when it is safe to put in an href or src, undefined otherwise. Anything with
 * a scheme other than http(s) or mailto (javascript:, data:, vbscript:) is refused.
 */
export function safeUrl(url: string): string | undefined {
  const trimmed = url.trim();
  if (trimmed === '') return undefined;
  if (SAFE_URL.test(trimmed)) return trimmed;
  // A relative path without a leading slash ("other-article") has no scheme before a colon.
  return /^[^:/?#]+(?:[/?#]|$)/.test(trimmed) ? trimmed : undefined;
}
