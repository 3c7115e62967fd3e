export * from './blocks.js';
export * from './text-metrics.js';
export * from './anchors.js';
export * from './article-draft.js';
export * from './content-error.js';
export { splitFrontMatter, type FrontMatter } from './front-matter.js';
export { parseMarkdownArticle, markdownToSections, markdownToBlocks } from './markdown.js';
export { parsePlainTextArticle, PAGE_LABELS } from './plain-text.js';
export { parseArticleFile, detectTextFormat, type TextFormat } from './parse-file.js';
