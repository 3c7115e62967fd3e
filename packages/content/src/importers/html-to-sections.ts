import type { ChildNode, Element } from 'domhandler';
import { isComment, isTag, isText } from 'domhandler';
import { findAll, textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';
import {
  inlineText,
  safeUrl,
  span,
  type Block,
  type ImageBlock,
  type InlineSpan,
  type ListBlock,
  type Mark,
  type QuoteBlock,
} from '../blocks.js';
import type { SectionDraft } from '../article-draft.js';
import { cleanText, collapseWhitespace, singleLine } from './clean-text.js';

// HTML from another system (a WordPress or Ghost body, a page's main content) to Folio's typed
// blocks. Nothing of the markup survives: only text, marks, safe links and images.

export interface HtmlConversionOptions {
  /**
   * WordPress classic-editor bodies have no <p> tags: WordPress adds them on display, a blank
   * line ending a paragraph and a single newline a line break ("wpautop"). Bodies made of
   * Gutenberg blocks carry their own markup and are read like any HTML.
   */
  wordpressAutoParagraphs?: boolean;
}

export interface HtmlConversion {
  /** An unheaded first section for anything before the first heading, then one per heading. */
  sections: SectionDraft[];
  /** What was dropped or flattened, once each. */
  warnings: string[];
}

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const SILENT_DROP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'title',
  'meta',
  'link',
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'svg',
  'canvas',
  'map',
  'nav',
  'dialog',
]);
const MEDIA = new Set(['iframe', 'object', 'embed', 'video', 'audio']);
const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'code',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'ins',
  'kbd',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'var',
  'label',
  'wbr',
]);
const MARKS: Record<string, Mark> = {
  strong: 'strong',
  b: 'strong',
  em: 'emphasis',
  i: 'emphasis',
  cite: 'emphasis',
  dfn: 'emphasis',
  var: 'emphasis',
  code: 'code',
  kbd: 'code',
  samp: 'code',
  tt: 'code',
};
// Gutenberg markers that are not content at all.
const NON_CONTENT_BLOCKS = new Set(['more', 'nextpage', 'separator', 'spacer']);

interface Style {
  marks: Mark[];
  href?: string;
}
const PLAIN: Style = { marks: [] };

interface Context {
  classic: boolean;
  warnings: Set<string>;
}

/** Converts an HTML fragment or document body to sections of typed blocks. */
export function htmlToSections(html: string, options: HtmlConversionOptions = {}): HtmlConversion {
  const source = cleanText(html);
  const context: Context = {
    classic: !!options.wordpressAutoParagraphs && !/<!--\s*wp:/.test(source),
    warnings: new Set(),
  };
  const builder = new SectionBuilder(true);
  walkBlocks(parseDocument(source).children, builder, context);
  return { sections: builder.finish(), warnings: [...context.warnings] };
}

/** The text of an HTML fragment on one line (for excerpts and titles that may carry markup). */
export function htmlToText(html: string): string {
  return singleLine(textContent(parseDocument(cleanText(html))));
}

/** Inline runs being gathered into one paragraph (or list item, or quote line). */
class InlineCollector {
  spans: InlineSpan[] = [];
  images: ImageBlock[] = [];

  text(raw: string, style: Style): void {
    let text = cleanText(raw);
    if (this.endsWithSpace()) text = text.replace(/^ +/, '');
    if (text === '') return;
    const last = this.spans.at(-1);
    if (last && last.href === style.href && sameMarks(last.marks, style.marks)) {
      last.text += text;
    } else {
      this.spans.push(span(text, [...style.marks], style.href));
    }
  }

  lineBreak(style: Style = PLAIN): void {
    if (this.spans.length === 0) return;
    const last = this.spans.at(-1)!;
    last.text = last.text.replace(/ +$/, '');
    this.text('\n', style);
  }

  /** A line break between blocks met inside inline content; never two in a row. */
  softBreak(): void {
    if (this.spans.length > 0 && !this.spans.at(-1)!.text.endsWith('\n')) this.lineBreak();
  }

  /** The runs, trimmed at both ends, or none when there is only whitespace. */
  take(): InlineSpan[] {
    const spans = this.spans;
    this.spans = [];
    if (inlineText(spans).trim() === '') return [];
    while (spans.length > 0 && spans[0]!.text.trim() === '') spans.shift();
    while (spans.length > 0 && spans.at(-1)!.text.trim() === '') spans.pop();
    spans[0]!.text = spans[0]!.text.replace(/^\s+/, '');
    spans.at(-1)!.text = spans.at(-1)!.text.replace(/\s+$/, '');
    return spans;
  }

  private endsWithSpace(): boolean {
    const last = this.spans.at(-1);
    return !last || /[ \n]$/.test(last.text);
  }
}

/** Blocks in order, a new section at each heading. */
class SectionBuilder {
  private readonly lead: Block[] = [];
  private readonly sections: SectionDraft[] = [];
  readonly inline = new InlineCollector();

  /** @param headed false inside quotes and list items: headings there are bold paragraphs. */
  constructor(readonly headed: boolean) {}

  flush(): void {
    const spans = this.inline.take();
    const target = this.target();
    if (spans.length > 0) target.push({ type: 'paragraph', inlines: spans });
    target.push(...this.inline.images);
    this.inline.images = [];
  }

  add(block: Block | undefined): void {
    this.flush();
    if (block) this.target().push(block);
  }

  heading(text: string): void {
    this.flush();
    if (this.headed) this.sections.push({ heading: text, blocks: [] });
    else this.target().push({ type: 'paragraph', inlines: [span(text, ['strong'])] });
  }

  finish(): SectionDraft[] {
    this.flush();
    return this.lead.length > 0
      ? [{ heading: null, blocks: this.lead }, ...this.sections]
      : this.sections;
  }

  blocks(): Block[] {
    return this.finish().flatMap((section) => section.blocks);
  }

  private target(): Block[] {
    return this.sections.at(-1)?.blocks ?? this.lead;
  }
}

function walkBlocks(nodes: readonly ChildNode[], builder: SectionBuilder, context: Context): void {
  for (const node of nodes) walkBlock(node, builder, context);
}

function walkBlock(node: ChildNode, builder: SectionBuilder, context: Context): void {
  if (isText(node)) {
    if (!context.classic) {
      addText(node.data, PLAIN, builder.inline, context);
      return;
    }
    // wpautop: a blank line ends a paragraph.
    node.data.split(/\n[ \t\r\f]*\n/).forEach((part, index) => {
      if (index > 0) builder.flush();
      addText(part, PLAIN, builder.inline, context);
    });
    return;
  }
  if (isComment(node)) {
    noteGutenbergComment(node.data, context);
    return;
  }
  if (!isTag(node)) return;
  const name = node.name.toLowerCase();
  if (HEADINGS.has(name)) {
    const text = singleLine(textContent(node));
    if (text) builder.heading(text);
  } else if (name === 'p') {
    builder.flush();
    walkInlines(node.children, PLAIN, builder.inline, context);
    builder.flush();
  } else if (name === 'ul' || name === 'ol' || name === 'menu') {
    const { list, images } = listBlock(node, context);
    builder.add(list);
    for (const image of images) builder.add(image);
  } else if (name === 'blockquote') {
    builder.add(quoteBlock(node, context));
  } else if (name === 'pre') {
    builder.add(codeBlock(node));
  } else if (name === 'img') {
    builder.add(imageBlock(node, context));
  } else if (name === 'figure') {
    figure(node, builder, context);
  } else if (name === 'table') {
    builder.add(tableBlock(node, context));
  } else if (name === 'hr') {
    builder.flush();
  } else if (name === 'br') {
    builder.inline.lineBreak();
  } else if (SILENT_DROP.has(name)) {
    return;
  } else if (MEDIA.has(name)) {
    context.warnings.add(`embedded ${name} dropped`);
  } else if (INLINE.has(name)) {
    walkInline(node, PLAIN, builder.inline, context);
  } else {
    // div, section, article, header, footer, details, dl…: containers of blocks.
    builder.flush();
    walkBlocks(node.children, builder, context);
    builder.flush();
  }
}

function walkInlines(
  nodes: readonly ChildNode[],
  style: Style,
  sink: InlineCollector,
  context: Context,
): void {
  for (const node of nodes) {
    if (isText(node)) addText(node.data, style, sink, context);
    else if (isTag(node)) walkInline(node, style, sink, context);
  }
}

function walkInline(node: Element, style: Style, sink: InlineCollector, context: Context): void {
  const name = node.name.toLowerCase();
  if (name === 'br') return sink.lineBreak(style);
  if (name === 'img') {
    const image = imageBlock(node, context);
    if (image) sink.images.push(image);
    return;
  }
  if (SILENT_DROP.has(name)) return;
  if (MEDIA.has(name)) {
    context.warnings.add(`embedded ${name} dropped`);
    return;
  }
  let next = style;
  const mark = MARKS[name];
  if (mark && !style.marks.includes(mark)) next = { ...style, marks: [...style.marks, mark] };
  if (name === 'a') {
    const href = safeUrl(node.attribs.href ?? '');
    if (href) next = { ...next, href };
  }
  // A block inside inline content (a <p> in a list item): keep it on its own line.
  const block = !INLINE.has(name);
  if (block) sink.softBreak();
  walkInlines(node.children, next, sink, context);
  if (block) sink.softBreak();
}

function addText(raw: string, style: Style, sink: InlineCollector, context: Context): void {
  if (!context.classic) {
    sink.text(collapseWhitespace(raw), style);
    return;
  }
  // wpautop: a single newline is a line break.
  raw.split(/[ \t\r\f]*\n[ \t\r\f\n]*/).forEach((line, index) => {
    if (index > 0) sink.lineBreak(style);
    sink.text(collapseWhitespace(line), style);
  });
}

function listBlock(
  node: Element,
  context: Context,
): { list: ListBlock | undefined; images: ImageBlock[] } {
  const items: InlineSpan[][] = [];
  const images: ImageBlock[] = [];
  const collectItems = (list: Element) => {
    for (const child of list.children) {
      if (!isTag(child)) continue;
      const collector = new InlineCollector();
      const nested: Element[] = [];
      const itemNodes = child.name.toLowerCase() === 'li' ? child.children : [child];
      for (const part of itemNodes) {
        if (isTag(part) && (part.name === 'ul' || part.name === 'ol')) nested.push(part);
        else if (isText(part)) addText(part.data, PLAIN, collector, context);
        else if (isTag(part)) walkInline(part, PLAIN, collector, context);
      }
      const spans = collector.take();
      if (spans.length > 0) items.push(spans);
      images.push(...collector.images);
      // Folio lists are flat: nested items follow their parent.
      for (const inner of nested) collectItems(inner);
    }
  };
  collectItems(node);
  if (items.length === 0) return { list: undefined, images };
  const ordered = node.name.toLowerCase() === 'ol';
  const list: ListBlock = { type: 'list', ordered, items };
  const start = Number(node.attribs.start);
  if (ordered && Number.isInteger(start) && start !== 1) list.start = start;
  return { list, images };
}

function quoteBlock(node: Element, context: Context): QuoteBlock | undefined {
  let attribution: string | undefined;
  const body = node.children.filter((child) => {
    if (isTag(child) && (child.name === 'cite' || child.name === 'footer')) {
      attribution = stripDash(singleLine(textContent(child))) || attribution;
      return false;
    }
    return true;
  });
  const inner = new SectionBuilder(false);
  walkBlocks(body, inner, context);
  const paragraphs = inner.blocks().flatMap((block): InlineSpan[][] => {
    switch (block.type) {
      case 'paragraph':
        return [block.inlines];
      case 'list':
        return block.items;
      case 'quote':
        return block.paragraphs;
      case 'code':
        return [[span(block.code, ['code'])]];
      case 'image':
        return [];
    }
  });
  // A closing line "— Name" is the attribution, as in the Markdown importer: a paragraph of
  // its own, or the last line of the last paragraph.
  const last = paragraphs.at(-1);
  if (!attribution && last && paragraphs.length > 1) {
    const text = inlineText(last);
    if (/^[—–]\s*\S/.test(text) && text.length <= 200) {
      attribution = stripDash(text);
      paragraphs.pop();
    }
  }
  const lastSpan = paragraphs.at(-1)?.at(-1);
  const closingLine = lastSpan && /\n([—–][^\n]{1,200})$/.exec(lastSpan.text);
  if (!attribution && lastSpan && closingLine) {
    attribution = stripDash(closingLine[1]!.trim());
    lastSpan.text = lastSpan.text.slice(0, closingLine.index);
  }
  if (paragraphs.length === 0) return undefined;
  const quote: QuoteBlock = { type: 'quote', paragraphs };
  if (attribution) quote.attribution = attribution;
  return quote;
}

function stripDash(text: string): string {
  return text.replace(/^[—–-]+\s*/, '');
}

function codeBlock(node: Element): Block | undefined {
  const code = cleanText(textContent(node))
    .replace(/^\r?\n/, '')
    .replace(/\s+$/, '');
  if (code === '') return undefined;
  const classes = [
    node.attribs.class ?? '',
    ...findAll((el) => el.name === 'code', node.children).map((el) => el.attribs.class ?? ''),
  ].join(' ');
  const language = /(?:^|\s)(?:language|lang)-([\w+#-]+)/.exec(classes)?.[1];
  return language ? { type: 'code', language, code } : { type: 'code', code };
}

function imageBlock(node: Element, context: Context): ImageBlock | undefined {
  // Lazy-loading themes keep the real address in data-src.
  const raw =
    node.attribs['data-src'] || node.attribs.src || node.attribs.srcset?.split(/\s/)[0] || '';
  const src = safeUrl(raw);
  if (!src) {
    context.warnings.add('image without a usable address dropped');
    return undefined;
  }
  const image: ImageBlock = { type: 'image', src, alt: singleLine(node.attribs.alt ?? '') };
  const title = singleLine(node.attribs.title ?? '');
  if (title) image.title = title;
  return image;
}

/** An image with its caption, or (for tables, quotes and embeds in figures) the contents. */
function figure(node: Element, builder: SectionBuilder, context: Context): void {
  const images = findAll((el) => el.name === 'img', node.children);
  const other = findAll(
    (el) => ['table', 'blockquote', 'pre', 'ul', 'ol', ...MEDIA].includes(el.name),
    node.children,
  );
  if (images.length === 0 || other.length > 0) {
    builder.flush();
    walkBlocks(node.children, builder, context);
    builder.flush();
    return;
  }
  const caption = findAll((el) => el.name === 'figcaption', node.children)[0];
  const captionText = caption ? singleLine(textContent(caption)) : '';
  for (const img of images) {
    const image = imageBlock(img, context);
    if (image && captionText && images.length === 1) image.title = captionText;
    builder.add(image);
  }
  if (captionText && images.length > 1)
    builder.add({ type: 'paragraph', inlines: [span(captionText)] });
}

function tableBlock(node: Element, context: Context): ListBlock | undefined {
  const rows = findAll((el) => el.name === 'tr', node.children)
    .map((row) =>
      row.children
        .filter(
          (cell): cell is Element => isTag(cell) && (cell.name === 'td' || cell.name === 'th'),
        )
        .map((cell) => singleLine(textContent(cell)))
        .join(' | '),
    )
    .filter((text) => text.replace(/[|\s]/g, '') !== '');
  if (rows.length === 0) return undefined;
  context.warnings.add('table flattened to a list, one row per item');
  return { type: 'list', ordered: false, items: rows.map((row) => [span(row)]) };
}

function noteGutenbergComment(data: string, context: Context): void {
  // A self-closing block comment (<!-- wp:latest-posts /-->) is rendered by PHP from its
  // attributes: the export holds no content for it.
  const match = /^\s*wp:([a-z0-9-]+(?:\/[a-z0-9-]+)?)\b[\s\S]*\/\s*$/.exec(data);
  if (match && !NON_CONTENT_BLOCKS.has(match[1]!)) {
    context.warnings.add(`Gutenberg block "${match[1]}" has no saved content; dropped`);
  }
}

function sameMarks(a: readonly Mark[], b: readonly Mark[]): boolean {
  return a.length === b.length && a.every((mark) => b.includes(mark));
}
