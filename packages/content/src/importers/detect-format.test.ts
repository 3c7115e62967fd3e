import { detectFormat } from './detect-format.js';

describe('detectFormat', () => {
  it('recognises a format by content whatever the file is called', () => {
    const wxr =
      '<?xml version="1.0"?>\n<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">';
    expect(detectFormat('export.txt', wxr)).toBe('wordpress');
    expect(detectFormat('backup', '\uFEFF  {"db":[{"data":{"posts":[]}}]}')).toBe('ghost');
    expect(detectFormat('page.txt', '<!DOCTYPE html><html><body>')).toBe('html');
    expect(detectFormat('notes.txt', '---\ntitle: x\n---\nBody')).toBe('markdown');
    expect(detectFormat('notes.txt', 'A title\nA paragraph.')).toBe('plain-text');
    expect(detectFormat('notes.md', 'A title\nA paragraph.')).toBe('markdown');
  });

  it('recognises nothing in other XML and binary files', () => {
    expect(
      detectFormat('feed.xml', '<?xml version="1.0"?><rss version="2.0"><channel>'),
    ).toBeUndefined();
    expect(detectFormat('a.png', '\u0089PNG\r\n\u001a\n\u0000\u0000')).toBeUndefined();
  });
});
