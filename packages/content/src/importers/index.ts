// @folio/content/importers: other systems' exports to article candidates. A separate entry
// point so the reader app, which imports @folio/content, never bundles the parsers.
export * from './candidate.js';
export { cleanText, singleLine } from './clean-text.js';
export { detectFormat, type SourceFormat } from './detect-format.js';
export {
  htmlToSections,
  htmlToText,
  type HtmlConversion,
  type HtmlConversionOptions,
} from './html-to-sections.js';
export { stripShortcodes } from './shortcodes.js';
export {
  readWxr,
  countWxrItems,
  type WxrChannel,
  type WxrItem,
  type WxrRecord,
} from './wxr-reader.js';
export { wxrSourceItems, wxrItemToSourceItem } from './wxr-items.js';
export { ghostSourceItems, ghostExportData } from './ghost-export.js';
export { lexicalToHtml, mobiledocToHtml } from './ghost-editor-html.js';
export { savedPageToCandidate } from './saved-page.js';
