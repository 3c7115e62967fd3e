import { markdownToBlocks, type Block, type InlineSpan } from '@folio/content';
import type { BlockFieldsFragment, InlineFieldsFragment } from '@folio/ui';

// Sections are stored as typed blocks, not Markdown. The editor shows each section as Markdown
// (blocks -> Markdown here), and its live preview parses what is typed with the same parser the
// API uses (@folio/content) and renders it with the reader's components (@folio/ui).

type Mark = InlineFieldsFragment['marks'][number];

const MARKS: Record<InlineSpan['marks'][number], Mark> = {
  emphasis: 'EMPHASIS',
  strong: 'STRONG',
  code: 'CODE',
};

function toUiInlines(spans: readonly InlineSpan[]): InlineFieldsFragment[] {
  return spans.map((span) => ({
    text: span.text,
    marks: span.marks.map((mark) => MARKS[mark]),
    href: span.href ?? null,
  }));
}

/** @folio/content's blocks in the shape the API serves them, for @folio/ui to render. */
export function toUiBlocks(blocks: readonly Block[]): BlockFieldsFragment[] {
  return blocks.map((block): BlockFieldsFragment => {
    switch (block.type) {
      case 'paragraph':
        return { __typename: 'Paragraph', inlines: toUiInlines(block.inlines) };
      case 'list':
        return {
          __typename: 'List',
          ordered: block.ordered,
          start: block.start ?? null,
          items: block.items.map(toUiInlines),
        };
      case 'quote':
        return {
          __typename: 'Quote',
          paragraphs: block.paragraphs.map(toUiInlines),
          attribution: block.attribution ?? null,
        };
      case 'code':
        return { __typename: 'Code', language: block.language ?? null, code: block.code };
      case 'image':
        return { __typename: 'Image', src: block.src, alt: block.alt, title: block.title ?? null };
    }
  });
}

/** What the reader will show for this Markdown, as blocks. */
export function previewBlocks(markdown: string): BlockFieldsFragment[] {
  try {
    return toUiBlocks(markdownToBlocks(markdown));
  } catch {
    return [];
  }
}

const ESCAPED = /[\\`*_[\]<>]/g;

function escapeText(text: string): string {
  return text.replace(ESCAPED, (character) => `\\${character}`);
}

/** A line must not start like a block (heading, list, quote) when it is plain text. */
function escapeLineStart(line: string): string {
  return line.replace(
    /^(\s*)(#{1,6}\s|[-+]\s|\d+[.)]\s|>)/,
    (_match, space: string, start: string) => `${space}\\${start}`,
  );
}

function inlineMarkdown(inline: InlineFieldsFragment): string {
  let text: string;
  if (inline.marks.includes('CODE')) {
    const fence = inline.text.includes('`') ? '``' : '`';
    const pad = inline.text.startsWith('`') || inline.text.endsWith('`') ? ' ' : '';
    text = `${fence}${pad}${inline.text}${pad}${fence}`;
  } else {
    text = escapeText(inline.text);
  }
  // Marks go inside the whitespace around a run, where Markdown can see them.
  const [, lead = '', core = '', trail = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(text) ?? [];
  if (!core) return text;
  let marked = core;
  if (inline.marks.includes('EMPHASIS')) marked = `*${marked}*`;
  if (inline.marks.includes('STRONG')) marked = `**${marked}**`;
  return `${lead}${marked}${trail}`;
}

/** Runs of inlines, with neighbouring runs of the same link joined into one link. */
export function inlinesToMarkdown(inlines: readonly InlineFieldsFragment[]): string {
  let out = '';
  for (let i = 0; i < inlines.length;) {
    const href = inlines[i]!.href;
    if (!href) {
      out += inlineMarkdown(inlines[i]!);
      i += 1;
      continue;
    }
    let label = '';
    while (i < inlines.length && inlines[i]!.href === href) {
      label += inlineMarkdown(inlines[i]!);
      i += 1;
    }
    out += `[${label}](<${href.replace(/[<>]/g, encodeURIComponent)}>)`;
  }
  return escapeLineStart(out);
}

function blockMarkdown(block: BlockFieldsFragment): string {
  switch (block.__typename) {
    case 'Paragraph':
      return inlinesToMarkdown(block.inlines);
    case 'List': {
      const start = block.start ?? 1;
      return block.items
        .map(
          (item, index) =>
            `${block.ordered ? `${start + index}.` : '-'} ${inlinesToMarkdown(item)}`,
        )
        .join('\n');
    }
    case 'Quote': {
      const lines = block.paragraphs.map((paragraph) => `> ${inlinesToMarkdown(paragraph)}`);
      if (block.attribution) lines.push(`> — ${escapeText(block.attribution)}`);
      return lines.join('\n>\n');
    }
    case 'Code': {
      const fence = block.code.includes('```') ? '~~~~' : '```';
      return `${fence}${block.language ?? ''}\n${block.code.replace(/\n$/, '')}\n${fence}`;
    }
    case 'Image': {
      const title = block.title ? ` "${block.title.replace(/"/g, '\\"')}"` : '';
      return `![${escapeText(block.alt)}](<${block.src}>${title})`;
    }
    default:
      return '';
  }
}

/** A section's blocks as Markdown that parses back to the same blocks. */
export function blocksToMarkdown(blocks: readonly BlockFieldsFragment[]): string {
  return blocks.map(blockMarkdown).filter(Boolean).join('\n\n');
}
