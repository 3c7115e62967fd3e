import type { ArticleDraft } from './article-draft.js';
import { ContentParseError } from './content-error.js';
import { parseMarkdownArticle } from './markdown.js';
import { parsePlainTextArticle } from './plain-text.js';

/** Picks the importer by file name: `.md`/`.markdown` as Markdown, `.txt` as plain text. */
export function parseArticleFile(fileName: string, source: string): ArticleDraft {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.md') || lower.endsWith('.markdown')) return parseMarkdownArticle(source);
  if (lower.endsWith('.txt')) return parsePlainTextArticle(source);
  throw new ContentParseError('unsupported file type: expected .md, .markdown or .txt');
}
