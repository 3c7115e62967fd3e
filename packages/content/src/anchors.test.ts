import { anchorsFor, slugify, uniqueAnchor } from './anchors.js';

describe('anchorsFor', () => {
  it('makes readable anchors, unique within the article and stable across runs', () => {
    const headings = ['Why it matters', 'Why it matters', null, 'Café & Crème!', ''];
    expect(anchorsFor(headings)).toEqual([
      'why-it-matters',
      'why-it-matters-1',
      'section-3',
      'café--crème',
      'section-5',
    ]);
    expect(anchorsFor(headings)).toEqual(anchorsFor(headings));
  });
});

describe('slugify', () => {
  it('turns titles into ASCII URL slugs', () => {
    expect(slugify('  Crème Brûlée: A History ')).toBe('creme-brulee-a-history');
    expect(slugify("Don't panic")).toBe('dont-panic');
    expect(slugify('!!!')).toBe('untitled');
    expect(slugify('a'.repeat(200))).toHaveLength(80);
  });

  it('ignores invisible format characters inside words', () => {
    expect(slugify('hello-w\u202eorld\u202c-utf8-\u{1F4AB}-test')).toBe('hello-world-utf8-test');
    expect(slugify('zero\u200bwidth')).toBe('zerowidth');
  });
});

describe('uniqueAnchor', () => {
  it('avoids the anchors an article already uses', () => {
    expect(uniqueAnchor('Tides', new Set(['intro']))).toBe('tides');
    expect(uniqueAnchor('Tides', new Set(['tides', 'tides-1']))).toBe('tides-2');
    expect(uniqueAnchor(null, new Set(['section']))).toBe('section-1');
  });
});
