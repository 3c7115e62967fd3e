import type { Block, InlineSpan } from '@folio/content';

// Stored blocks back to Markdown: what an editor edits in Studio and what a revision diff
// compares line by line. markdownToBlocks(blocksToMarkdown(blocks)) gives the same blocks for
// everything the Markdown importer produces (tested).

/** A section's blocks as Markdown, one blank line between blocks. */
export function blocksToMarkdown(blocks: readonly Block[]): string {
  return blocks.map(blockToMarkdown).join('\n\n');
}

function blockToMarkdown(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return inlinesToMarkdown(block.inlines);
    case 'list': {
      const start = block.start ?? 1;
      return block.items
        .map((item, i) => `${block.ordered ? `${start + i}.` : '-'} ${inlinesToMarkdown(item)}`)
        .join('\n');
    }
    case 'quote': {
      const paragraphs = block.paragraphs.map(inlinesToMarkdown);
      if (block.attribution) paragraphs.push(`— ${block.attribution}`);
      return paragraphs.map((text) => text.replace(/^/gm, '> ')).join('\n>\n');
    }
    case 'code': {
      const fence = block.code.includes('```') ? '~~~' : '```';
      return `${fence}${block.language ?? ''}\n${block.code}\n${fence}`;
    }
    case 'image':
      return `![${escapeText(block.alt)}](${block.src}${block.title ? ` "${block.title.replace(/"/g, '\\"')}"` : ''})`;
  }
}

function inlinesToMarkdown(inlines: readonly InlineSpan[]): string {
  return inlines.map(spanToMarkdown).join('').replace(/\n/g, '\\\n');
}

function spanToMarkdown(span: InlineSpan): string {
  let text = span.marks.includes('code') ? codeSpan(span.text) : escapeText(span.text);
  if (span.marks.includes('emphasis')) text = `*${text}*`;
  if (span.marks.includes('strong')) text = `**${text}**`;
  if (span.href !== undefined) text = `[${text}](${span.href.replace(/\)/g, '%29')})`;
  return text;
}

function codeSpan(text: string): string {
  const ticks = text.includes('`') ? '``' : '`';
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

/** Backslash-escapes what Markdown would read as formatting. */
function escapeText(text: string): string {
  return text
    .replace(/([\\`*_[\]<>])/g, '\\$1')
    .replace(/^(\s*)([#>+-])(\s)/gm, '$1\\$2$3')
    .replace(/^(\s*\d+)([.)])(\s)/gm, '$1\\$2$3');
}
