import { renderToString } from 'react-dom/server';
import { TableOfContents } from './table-of-contents.js';
import { tableOfContentsHtml } from './table-of-contents-html.js';

const nasty = `<script>alert("x")</script> & 'quoted' > <img src=x onerror=alert(1)>`;

/** What React renders inside the component's <nav>, which the reader keeps as server HTML. */
function insideNav(html: string): string {
  const match = /^<nav class="toc" aria-labelledby="toc-title">(.*)<\/nav>$/s.exec(html);
  if (!match) throw new Error(`not the table of contents' nav: ${html}`);
  return match[1]!;
}

describe('tableOfContentsHtml', () => {
  it('writes the same bytes inside the nav as React renders, stored markup kept inert', () => {
    const cases = [
      [{ anchor: 'intro', heading: 'Intro' }],
      [
        { anchor: 'high', heading: 'High tide' },
        { anchor: 'a"b<c>&d\'e é', heading: `Tides & ${nasty}` },
        { anchor: 'empty', heading: '' },
        { anchor: nasty, heading: 'Odd anchor' },
      ],
    ];
    for (const entries of cases) {
      const html = tableOfContentsHtml(entries);
      expect(html).toBe(insideNav(renderToString(<TableOfContents entries={entries} />)));
      expect(html).not.toContain('<script>');
    }
  });

  it('renders nothing for no entries, as the component does', () => {
    expect(renderToString(<TableOfContents entries={[]} />)).toBe('');
  });
});
