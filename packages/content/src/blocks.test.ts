import { blockText, safeUrl } from './blocks.js';

describe('safeUrl', () => {
  it.each(['https://example.org/a', 'http://x.y', 'mailto:a@b.c', '/path', '#anchor', 'other-page', './x'])(
    'keeps %s',
    (url) => expect(safeUrl(url)).toBe(url),
  );

  it.each(['javascript:alert(1)', ' JAVASCRIPT:alert(1)', 'data:text/html,<b>', 'vbscript:x', ''])(
    'refuses %s',
    (url) => expect(safeUrl(url)).toBeUndefined(),
  );
});

describe('blockText', () => {
  it('reads every block type as plain text', () => {
    expect(blockText({ type: 'list', ordered: false, items: [[{ text: 'a', marks: [] }], [{ text: 'b', marks: [] }]] })).toBe('a\nb');
    expect(blockText({ type: 'quote', paragraphs: [[{ text: 'q', marks: [] }]], attribution: 'Ann' })).toBe('q\nAnn');
    expect(blockText({ type: 'image', src: '/a.png', alt: 'A heron' })).toBe('A heron');
  });
});
