import { htmlToSections, htmlToText } from './html-to-sections.js';

describe('htmlToSections', () => {
  it('starts a section at each heading, with the text before the first as an unheaded one', () => {
    const { sections } = htmlToSections(
      '<p>Lead.</p><h2>First</h2><p>One.</p><h3>Second</h3><p>Two.</p>',
    );
    expect(sections.map((section) => section.heading)).toEqual([null, 'First', 'Second']);
    expect(sections[1]!.blocks).toEqual([
      { type: 'paragraph', inlines: [{ text: 'One.', marks: [] }] },
    ]);
  });

  it('keeps emphasis, strong, code and safe links as marks; never markup', () => {
    const { sections } = htmlToSections(
      '<p>A <em>cold</em> <b>frame</b>, <code>npm ci</code>, <a href="/x">here</a> and <a href="javascript:alert(1)">there</a><script>alert(1)</script>.</p>',
    );
    expect(sections[0]!.blocks[0]).toEqual({
      type: 'paragraph',
      inlines: [
        { text: 'A ', marks: [] },
        { text: 'cold', marks: ['emphasis'] },
        { text: ' ', marks: [] },
        { text: 'frame', marks: ['strong'] },
        { text: ', ', marks: [] },
        { text: 'npm ci', marks: ['code'] },
        { text: ', ', marks: [] },
        { text: 'here', marks: [], href: '/x' },
        { text: ' and there.', marks: [] },
      ],
    });
  });

  it('turns images into image blocks with their alt text and figure captions', () => {
    const { sections } = htmlToSections(
      '<p>Before <img src="/a.jpg" alt="A  shed"></p><figure><img src="https://x.org/b.png" alt="Bins"><figcaption>Behind the shed</figcaption></figure><img src="data:image/png;base64,AAAA" alt="inline">',
    );
    expect(sections[0]!.blocks).toEqual([
      { type: 'paragraph', inlines: [{ text: 'Before', marks: [] }] },
      { type: 'image', src: '/a.jpg', alt: 'A shed' },
      { type: 'image', src: 'https://x.org/b.png', alt: 'Bins', title: 'Behind the shed' },
    ]);
  });

  it('converts lists (nested ones flattened), quotes with their attribution and code', () => {
    const { sections } = htmlToSections(
      '<ol start="3"><li>Three<ul><li>inner</li></ul></li><li>Four</li></ol>' +
        '<blockquote><p>Said well.</p><cite>Someone</cite></blockquote>' +
        '<pre class="wp-block-code"><code class="language-sh">ls -l\n  cd x</code></pre>',
    );
    expect(sections[0]!.blocks).toEqual([
      {
        type: 'list',
        ordered: true,
        start: 3,
        items: [
          [{ text: 'Three', marks: [] }],
          [{ text: 'inner', marks: [] }],
          [{ text: 'Four', marks: [] }],
        ],
      },
      { type: 'quote', paragraphs: [[{ text: 'Said well.', marks: [] }]], attribution: 'Someone' },
      { type: 'code', language: 'sh', code: 'ls -l\n  cd x' },
    ]);
  });

  it('reads WordPress classic bodies: blank lines end paragraphs, single newlines break lines', () => {
    const { sections } = htmlToSections('First line\nsecond line\n\nNext <em>paragraph</em>.', {
      wordpressAutoParagraphs: true,
    });
    expect(sections[0]!.blocks).toEqual([
      { type: 'paragraph', inlines: [{ text: 'First line\nsecond line', marks: [] }] },
      {
        type: 'paragraph',
        inlines: [
          { text: 'Next ', marks: [] },
          { text: 'paragraph', marks: ['emphasis'] },
          { text: '.', marks: [] },
        ],
      },
    ]);
  });

  it('reads Gutenberg bodies as HTML and warns about blocks with no saved content', () => {
    const { sections, warnings } = htmlToSections(
      '<!-- wp:paragraph -->\n<p>One\nline.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:latest-posts /-->',
      { wordpressAutoParagraphs: true },
    );
    expect(sections[0]!.blocks).toEqual([
      { type: 'paragraph', inlines: [{ text: 'One line.', marks: [] }] },
    ]);
    expect(warnings).toEqual(['Gutenberg block "latest-posts" has no saved content; dropped']);
  });

  it('drops embeds and flattens tables with a warning each', () => {
    const { sections, warnings } = htmlToSections(
      '<iframe src="https://v.example/1"></iframe><table><tr><th>Crop</th><th>Sow</th></tr><tr><td>Beans</td><td>Jan</td></tr></table>',
    );
    expect(sections[0]!.blocks).toEqual([
      {
        type: 'list',
        ordered: false,
        items: [[{ text: 'Crop | Sow', marks: [] }], [{ text: 'Beans | Jan', marks: [] }]],
      },
    ]);
    expect(warnings).toEqual([
      'embedded iframe dropped',
      'table flattened to a list, one row per item',
    ]);
  });

  it('gives no sections for an empty body, and never an empty paragraph', () => {
    expect(htmlToSections('  <p>&nbsp;</p> <p></p>').sections).toEqual([]);
  });

  it('replaces characters PostgreSQL refuses', () => {
    const { sections } = htmlToSections('<p>a&#xD800;b\u0000c</p>');
    expect(sections[0]!.blocks[0]).toEqual({
      type: 'paragraph',
      inlines: [{ text: 'a\uFFFDbc', marks: [] }],
    });
  });
});

describe('htmlToText', () => {
  it('decodes entities and drops tags', () => {
    expect(htmlToText('Beans &amp; <b>peas</b>\n in pots')).toBe('Beans & peas in pots');
  });
});
