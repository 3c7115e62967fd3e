import { markdownToBlocks, parseMarkdownArticle } from './markdown.js';
import { ContentParseError } from './content-error.js';

const article = `---
title: Reading the river
label: Field Notes
author: Mara Quinn
tags: [Rivers, field work]
publishedAt: 2026-03-01T09:00:00Z
---
The first paragraph is the standfirst.

## Where the water goes

Water finds *the lowest* path, **always** — see [the survey](https://example.org/survey "Survey").

- gauges every *mile*
- a [bad link](javascript:alert(1))

1. first
2. second

> Rivers are roads that move.
>
> — Blaise Pascal

\`\`\`ts
const flow = 3;
\`\`\`

![A heron on the bank](/images/heron.jpg "Heron")

### Smaller heading

## Where the water goes

Second section with the same heading.
`;

describe('parseMarkdownArticle', () => {
  const draft = parseMarkdownArticle(article);

  it('reads the front matter', () => {
    expect(draft).toMatchObject({
      title: 'Reading the river',
      label: 'Field Notes',
      author: 'Mara Quinn',
      tags: ['Rivers', 'field work'],
      publishedAt: new Date('2026-03-01T09:00:00Z'),
    });
  });

  it('takes a single lead paragraph as the summary', () => {
    expect(draft.summary).toBe('The first paragraph is the standfirst.');
    expect(draft.sections.map((section) => section.heading)).toEqual([
      'Where the water goes',
      'Where the water goes',
    ]);
  });

  it('turns a paragraph into inline runs with marks and safe links', () => {
    const [para] = draft.sections[0]!.blocks;
    expect(para).toEqual({
      type: 'paragraph',
      inlines: [
        { text: 'Water finds ', marks: [] },
        { text: 'the lowest', marks: ['emphasis'] },
        { text: ' path, ', marks: [] },
        { text: 'always', marks: ['strong'] },
        { text: ' — see ', marks: [] },
        { text: 'the survey', marks: [], href: 'https://example.org/survey' },
        { text: '.', marks: [] },
      ],
    });
  });

  it('keeps lists and never links to a javascript: URL', () => {
    const [, bullets, numbers] = draft.sections[0]!.blocks;
    expect(bullets).toEqual({
      type: 'list',
      ordered: false,
      items: [
        [
          { text: 'gauges every ', marks: [] },
          { text: 'mile', marks: ['emphasis'] },
        ],
        // markdown-it refuses the javascript: target, so the link stays literal text.
        [{ text: 'a [bad link](javascript:alert(1))', marks: [] }],
      ],
    });
    expect(numbers).toMatchObject({ type: 'list', ordered: true, items: [[{ text: 'first' }], [{ text: 'second' }]] });
  });

  it('reads quotes with their attribution, code and images', () => {
    const blocks = draft.sections[0]!.blocks;
    expect(blocks[3]).toEqual({
      type: 'quote',
      paragraphs: [[{ text: 'Rivers are roads that move.', marks: [] }]],
      attribution: 'Blaise Pascal',
    });
    expect(blocks[4]).toEqual({ type: 'code', language: 'ts', code: 'const flow = 3;' });
    expect(blocks[5]).toEqual({
      type: 'image',
      src: '/images/heron.jpg',
      alt: 'A heron on the bank',
      title: 'Heron',
    });
    expect(blocks[6]).toEqual({
      type: 'paragraph',
      inlines: [{ text: 'Smaller heading', marks: ['strong'] }],
    });
  });

  it('takes the title from a # heading and makes a longer lead an unheaded section', () => {
    const draft = parseMarkdownArticle('# A title\n\nOne.\n\nTwo.\n\n## Next\n\nThree.');
    expect(draft.title).toBe('A title');
    expect(draft.summary).toBeUndefined();
    expect(draft.sections[0]).toEqual({
      heading: null,
      blocks: [
        { type: 'paragraph', inlines: [{ text: 'One.', marks: [] }] },
        { type: 'paragraph', inlines: [{ text: 'Two.', marks: [] }] },
      ],
    });
  });

  it('keeps raw HTML as text, never as markup', () => {
    const draft = parseMarkdownArticle('# T\n\n## S\n\n<script>alert(1)</script> hello');
    expect(draft.sections[0]!.blocks[0]).toEqual({
      type: 'paragraph',
      inlines: [{ text: '<script>alert(1)</script> hello', marks: [] }],
    });
  });

  it('says why a document cannot be imported', () => {
    expect(() => parseMarkdownArticle('just words')).toThrow(ContentParseError);
    expect(() => parseMarkdownArticle('just words')).toThrow(/no title/);
    expect(() => parseMarkdownArticle('---\ntitle: [unclosed\n---\nbody')).toThrow(/not valid YAML/);
    expect(() => parseMarkdownArticle('---\ntitle: T\npublishedAt: someday\n---\n## A\n\nb')).toThrow(
      /not a date/,
    );
    expect(() => parseMarkdownArticle('# Only a title')).toThrow(/no content/);
  });
});

describe('markdownToBlocks', () => {
  it('turns a section body into blocks, headings inside it into bold paragraphs', () => {
    expect(markdownToBlocks('Intro *here*.\n\n## Inner\n\n- a')).toEqual([
      { type: 'paragraph', inlines: [{ text: 'Intro ', marks: [] }, { text: 'here', marks: ['emphasis'] }, { text: '.', marks: [] }] },
      { type: 'paragraph', inlines: [{ text: 'Inner', marks: ['strong'] }] },
      { type: 'list', ordered: false, items: [[{ text: 'a', marks: [] }]] },
    ]);
  });
});
