import { countWords, readingTimeMinutes, sectionText } from './text-metrics.js';
import { paragraph } from './blocks.js';

describe('text metrics', () => {
  it('counts words, keeping contractions and hyphenated words whole', () => {
    expect(countWords("It's a well-known fact — 42 rivers, naïve ones too.")).toBe(9);
    expect(countWords('   ')).toBe(0);
  });

  it('gives reading time in whole minutes, at least one', () => {
    expect(readingTimeMinutes(0)).toBe(0);
    expect(readingTimeMinutes(10)).toBe(1);
    expect(readingTimeMinutes(1150)).toBe(5);
  });

  it("joins a section's heading and block text", () => {
    expect(sectionText('Heading', [paragraph('One.'), { type: 'code', code: 'x = 1' }])).toBe(
      'Heading\nOne.\nx = 1',
    );
  });
});
