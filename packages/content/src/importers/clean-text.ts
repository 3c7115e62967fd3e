// Text from other systems can carry characters PostgreSQL refuses (NUL, unpaired surrogates
// in jsonb) or that only confuse (a byte-order mark): replaced here, once, for every importer.
// eslint-disable-next-line no-control-regex -- NUL is exactly what is being removed
const NUL = /\u0000/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function cleanText(text: string): string {
  return text
    .replace(NUL, '')
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(/^\uFEFF/, '');
}

/** Collapses runs of HTML whitespace (not no-break spaces) to one space. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[ \t\n\r\f]+/g, ' ');
}

/** One line of text for titles, names and summaries: cleaned, collapsed and trimmed. */
export function singleLine(text: string): string {
  return collapseWhitespace(cleanText(text)).trim();
}
