import type { ArticleDraft } from './article-draft.js';
import { ContentParseError } from './content-error.js';
import { parseMarkdownArticle } from './markdown.js';
import { parsePlainTextArticle } from './plain-text.js';

export type TextFormat = 'markdown' | 'plain-text';

/**
 * Markdown or plain text, from the content first: YAML front matter or a leading `# Title`
 * means Markdown whatever the name; otherwise `.md`/`.markdown` is Markdown and anything else
 * is text copied or scraped from a page.
 */
export function detectTextFormat(fileName: string, source: string): TextFormat {
  const text = source.replace(/^\uFEFF/, '');
  if (/^---\r?\n/.test(text) || /^\s*# \S/.test(text)) return 'markdown';
  return /\.(md|markdown)$/i.test(fileName) ? 'markdown' : 'plain-text';
}

/** Parses a Markdown or plain-text article file (see `detectTextFormat`). */
export function parseArticleFile(fileName: string, source: string): ArticleDraft {
  if (source.includes('\u0000')) throw new ContentParseError('not a text file');
  return detectTextFormat(fileName, source) === 'markdown'
    ? parseMarkdownArticle(source)
    : parsePlainTextArticle(source);
}
