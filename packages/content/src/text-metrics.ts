import { blockText, type Block } from './blocks.js';

/** Average adult silent reading speed for non-fiction, words per minute. */
export const WORDS_PER_MINUTE = 230;

/** The plain text of a section: its heading and blocks, one per line. */
export function sectionText(heading: string | null | undefined, blocks: readonly Block[]): string {
  return [heading ?? '', ...blocks.map(blockText)].filter((part) => part.trim() !== '').join('\n');
}

/** Counts words: runs of letters or digits, with inner apostrophes and hyphens. */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/** Whole minutes, never less than one for a non-empty text. */
export function readingTimeMinutes(wordCount: number, wordsPerMinute = WORDS_PER_MINUTE): number {
  if (wordCount <= 0) return 0;
  return Math.max(1, Math.round(wordCount / wordsPerMinute));
}
