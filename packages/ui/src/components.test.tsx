import { createRemixStub } from '@remix-run/testing';
import { renderToStaticMarkup } from 'react-dom/server';
import type { BlockFieldsFragment, SectionFieldsFragment } from './generated/graphql.js';
import { ArticleBody } from './article-body.js';
import { BlockView } from './block-view.js';
import { InlineText } from './inline-text.js';
import { TableOfContents } from './table-of-contents.js';

const text = (
  t: string,
  marks: Array<'CODE' | 'EMPHASIS' | 'STRONG'> = [],
  href: string | null = null,
) => ({ text: t, marks, href });

/** Renders inside a router, as Remix does, so <Link> works. */
function render(element: React.ReactElement): string {
  const Stub = createRemixStub([{ path: '/', Component: () => element }]);
  // The stub's router uses layout effects, which React reports when rendering on the server.
  const error = jest.spyOn(console, 'error').mockImplementation((message: unknown) => {
    if (!String(message).includes('useLayoutEffect does nothing on the server'))
      throw new Error(String(message));
  });
  try {
    return renderToStaticMarkup(<Stub />);
  } finally {
    error.mockRestore();
  }
}

describe('InlineText', () => {
  it('escapes stored markup so it renders as text', () => {
    const html = renderToStaticMarkup(
      <InlineText inlines={[text('<script>alert(1)</script><img src=x onerror=alert(1)>')]} />,
    );
    expect(html).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;',
    );
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
  });

  it('drops javascript: and data: links but keeps their text', () => {
    const html = renderToStaticMarkup(
      <InlineText
        inlines={[
          text('bad', [], 'javascript:alert(1)'),
          text(' data', [], 'data:text/html,x'),
          text(' good', [], 'https://example.org'),
        ]}
      />,
    );
    expect(html).not.toMatch(/javascript:|data:text/);
    expect(html).toContain('bad');
    expect(html).toContain('<a href="https://example.org" rel="noopener noreferrer"> good</a>');
  });

  it('renders marks as semantic elements', () => {
    const html = renderToStaticMarkup(
      <InlineText inlines={[text('x', ['STRONG', 'EMPHASIS', 'CODE'])]} />,
    );
    expect(html).toBe('<span><strong><em><code>x</code></em></strong></span>');
  });
});

describe('BlockView', () => {
  const render1 = (block: BlockFieldsFragment) => renderToStaticMarkup(<BlockView block={block} />);

  it('renders lists, numbered lists with a start, quotes with attribution and code', () => {
    expect(
      render1({ __typename: 'List', ordered: true, start: 3, items: [[text('a')], [text('b')]] }),
    ).toBe('<ol start="3"><li><span>a</span></li><li><span>b</span></li></ol>');
    expect(
      render1({ __typename: 'Quote', paragraphs: [[text('Said.')]], attribution: 'Ann' }),
    ).toBe(
      '<figure class="quote"><blockquote><p><span>Said.</span></p></blockquote><figcaption>— Ann</figcaption></figure>',
    );
    expect(render1({ __typename: 'Code', language: 'sh', code: 'echo "<b>"' })).toBe(
      '<pre data-language="sh"><code>echo &quot;&lt;b&gt;&quot;</code></pre>',
    );
  });

  it('renders images with alt text, and nothing for an unsafe source', () => {
    expect(render1({ __typename: 'Image', src: '/a.png', alt: 'A heron', title: null })).toBe(
      '<figure><img src="/a.png" alt="A heron" loading="lazy"/></figure>',
    );
    expect(
      render1({ __typename: 'Image', src: 'javascript:alert(1)', alt: 'x', title: null }),
    ).toBe('');
  });
});

describe('ArticleBody and TableOfContents', () => {
  const sections: SectionFieldsFragment[] = [
    {
      id: '1',
      anchor: 'section-1',
      heading: null,
      blocks: [{ __typename: 'Paragraph', inlines: [text('Lead.')] }],
    },
    {
      id: '2',
      anchor: 'tides',
      heading: 'Tides',
      blocks: [{ __typename: 'Paragraph', inlines: [text('Twice a day.')] }],
    },
  ];

  it('gives each section its anchor and a link to report it', () => {
    const html = render(<ArticleBody slug="sea" sections={sections} />);
    expect(html).toContain('<section id="tides" aria-labelledby="tides-heading">');
    expect(html).toContain('<h2 id="tides-heading"><a class="anchor" href="#tides">Tides</a></h2>');
    expect(html).toContain('href="/articles/sea/report?section=tides"');
    expect(html.match(/Report this section/g)).toHaveLength(2);
  });

  it('renders plain report links as the same HTML as Remix links', () => {
    const html = render(<ArticleBody slug="sea" sections={sections} />);
    expect(html).toContain('data-discover="true"');
    expect(render(<ArticleBody slug="sea" sections={sections} plainLinks />)).toBe(html);
  });

  it('leaves out the report links for previews, and marks a reported section for moderators', () => {
    const html = render(
      <ArticleBody slug="sea" sections={sections} reportLinks={false} highlightAnchor="tides" />,
    );
    expect(html).not.toContain('Report this section');
    expect(html).toContain(
      '<section id="tides" aria-labelledby="tides-heading" class="reported-section" data-reported="true"><p class="reported-section-note">Reported section</p>',
    );
    expect(html.match(/reported-section"/g)).toHaveLength(1);
  });

  it('links the table of contents to the anchors', () => {
    const html = renderToStaticMarkup(
      <TableOfContents entries={[{ anchor: 'tides', heading: 'Tides' }]} />,
    );
    expect(html).toContain('<a href="#tides">Tides</a>');
    expect(renderToStaticMarkup(<TableOfContents entries={[]} />)).toBe('');
  });
});
