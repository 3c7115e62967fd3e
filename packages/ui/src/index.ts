// The article as readers see it, shared by the reader and Studio so that a preview in Studio
// looks exactly like the published page. Each component exports the GraphQL fragment it renders.
export { ArticleBody, SECTION_FRAGMENT, type ArticleBodyProps } from './article-body.js';
export { articleBodyHtml } from './article-body-html.js';
export { BlockView, BLOCK_FRAGMENT } from './block-view.js';
export { InlineText, INLINE_FRAGMENT, safeHref } from './inline-text.js';
export { TableOfContents, TOC_FRAGMENT } from './table-of-contents.js';
export type {
  BlockFieldsFragment,
  InlineFieldsFragment,
  SectionFieldsFragment,
  TocFieldsFragment,
} from './generated/graphql.js';
