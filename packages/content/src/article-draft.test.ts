import { prepareArticle, tableOfContents } from './article-draft.js';
import { paragraph } from './blocks.js';

describe('prepareArticle', () => {
  const prepared = prepareArticle({
    title: 'Tides & Time',
    tags: ['Oceans', 'oceans', ' Field Work '],
    sections: [
      { heading: null, blocks: [paragraph('Opening words here.')] },
      { heading: 'High water', blocks: [paragraph('The sea rises twice a day.')] },
      { heading: 'High water', blocks: [paragraph('Again.')] },
    ],
  });

  it('derives slug, anchors, positions, text and counts', () => {
    expect(prepared.slug).toBe('tides-time');
    expect(prepared.tags).toEqual(['oceans', 'field-work']);
    expect(prepared.sections.map(({ position, anchor, wordCount }) => ({ position, anchor, wordCount }))).toEqual([
      { position: 0, anchor: 'section-1', wordCount: 3 },
      { position: 1, anchor: 'high-water', wordCount: 8 },
      { position: 2, anchor: 'high-water-1', wordCount: 3 },
    ]);
    expect(prepared.wordCount).toBe(2 + 3 + 8 + 3);
    expect(prepared.readingTimeMinutes).toBe(1);
  });

  it('lists headed sections in the table of contents', () => {
    expect(tableOfContents(prepared.sections)).toEqual([
      { anchor: 'high-water', heading: 'High water', position: 1 },
      { anchor: 'high-water-1', heading: 'High water', position: 2 },
    ]);
  });
});
