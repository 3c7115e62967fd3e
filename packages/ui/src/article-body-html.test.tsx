import { renderToString } from 'react-dom/server';
import type { BlockFieldsFragment, SectionFieldsFragment } from './generated/graphql.js';
import { ArticleBody } from './article-body.js';
import { articleBodyHtml } from './article-body-html.js';

const run = (
  text: string,
  marks: Array<'CODE' | 'EMPHASIS' | 'STRONG'> = [],
  href: string | null = null,
) => ({ text, marks, href });

// Text a reader's page must show as text, in every place text or an attribute can go.
const nasty = `<script>alert("x")</script> & 'quoted' > <img src=x onerror=alert(1)>`;

const blocks: BlockFieldsFragment[] = [
  {
    __typename: 'Paragraph',
    inlines: [
      run('Plain, '),
      run('code', ['CODE']),
      run('emphasis', ['EMPHASIS']),
      run('strong', ['STRONG']),
      run('all three', ['CODE', 'EMPHASIS', 'STRONG']),
      run('a site link', [], '/articles/other?x=1&y=2'),
      run('an external link', ['STRONG'], 'https://example.org/a"b'),
      run('an anchor', [], '#tides'),
      run('a relative link', [], 'notes/tides'),
      run('not a link', [], 'javascript:alert(1)'),
      run('nor this', [], 'data:text/html,<b>x</b>'),
      run(''),
      run(nasty),
    ],
  },
  { __typename: 'List', ordered: false, start: null, items: [[run('one')], [run(nasty)]] },
  { __typename: 'List', ordered: true, start: null, items: [[run('first')]] },
  { __typename: 'List', ordered: true, start: 0, items: [[run('zeroth')]] },
  { __typename: 'List', ordered: true, start: 3, items: [[run('third', ['EMPHASIS'])], []] },
  {
    __typename: 'Quote',
    paragraphs: [[run('To be, ')], [run('or not.', ['EMPHASIS'])]],
    attribution: `Hamlet ${nasty}`,
  },
  { __typename: 'Quote', paragraphs: [[run('Anonymous.')]], attribution: null },
  { __typename: 'Quote', paragraphs: [], attribution: '' },
  { __typename: 'Code', language: 'html', code: `\n  ${nasty}\n` },
  { __typename: 'Code', language: null, code: 'plain()' },
  { __typename: 'Code', language: '', code: '' },
  { __typename: 'Image', src: '/images/tide.png', alt: `A "tide" ${nasty}`, title: 'High tide' },
  { __typename: 'Image', src: 'https://example.org/x.png?a=1&b=2', alt: '', title: null },
  { __typename: 'Image', src: 'javascript:alert(1)', alt: 'never shown', title: 'no' },
];

const sections: SectionFieldsFragment[] = [
  { id: '1', anchor: 'intro', heading: null, blocks: blocks.slice(0, 3) },
  { id: '2', anchor: 'tides', heading: `Tides & ${nasty}`, blocks: blocks.slice(3) },
  { id: '3', anchor: 'a"b<c>&d\'e é', heading: 'Odd anchor', blocks: [] },
  { id: '4', anchor: 'empty', heading: '', blocks: [] },
];

describe('articleBodyHtml', () => {
  // The reader's page sends this in place of React's render of the same body: any difference
  // is a different page, and any escaping React does and this does not is an injection.
  it('is byte for byte what React renders for the body, for every block, mark and link', () => {
    for (const slug of ['sea', 'a-b-c']) {
      const react = renderToString(<ArticleBody slug={slug} sections={sections} plainLinks />);
      expect(`<div class="article-body">${articleBodyHtml(slug, sections)}</div>`).toBe(react);
    }
    expect(renderToString(<ArticleBody slug="sea" sections={[]} plainLinks />)).toBe(
      `<div class="article-body">${articleBodyHtml('sea', [])}</div>`,
    );
  });

  it('keeps stored markup inert and drops unsafe links', () => {
    const html = articleBodyHtml('sea', sections);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('javascript:');
    expect(html).not.toContain('data:text/html');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });
});
