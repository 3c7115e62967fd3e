import type { SnippetFragment } from './search.types.js';

// ts_headline marks matches with these private-use characters; they cannot be confused with
// markup, so the reader renders fragments as text and highlights them with <mark>.
export const HIGHLIGHT_START = '\uE000';
export const HIGHLIGHT_STOP = '\uE001';

/** Splits ts_headline output into plain and highlighted fragments. */
export function toSnippetFragments(headline: string): SnippetFragment[] {
  const fragments: SnippetFragment[] = [];
  const pattern = new RegExp(`${HIGHLIGHT_START}([^${HIGHLIGHT_STOP}]*)${HIGHLIGHT_STOP}`, 'g');
  let last = 0;
  for (const match of headline.matchAll(pattern)) {
    if (match.index > last)
      fragments.push({ text: headline.slice(last, match.index), highlighted: false });
    fragments.push({ text: match[1]!, highlighted: true });
    last = match.index + match[0].length;
  }
  if (last < headline.length) fragments.push({ text: headline.slice(last), highlighted: false });
  return fragments.filter((fragment) => fragment.text !== '');
}
