import { markdownToBlocks } from '@folio/content';
import { blocksToMarkdown, previewBlocks, toUiBlocks } from './markdown';

const roundTrip = (markdown: string) => {
  const blocks = toUiBlocks(markdownToBlocks(markdown));
  return { blocks, again: toUiBlocks(markdownToBlocks(blocksToMarkdown(blocks))) };
};

describe('blocksToMarkdown', () => {
  it.each([
    [
      'marks and links',
      'Some *soft*, **bold** and `code` text with [a link](https://example.org/x).',
    ],
    ['lists', '- one\n- two **bold**\n\n3. three\n4. four'],
    ['quotes with attribution', '> Said once.\n>\n> Said twice.\n>\n> — Ada Lovelace'],
    ['code', '```ts\nconst a = "<b>";\n```'],
    ['images', '![A heron](/heron.png "At dawn")'],
    ['text that looks like Markdown', 'A \\*starred\\* word, 2 \\< 3, and \\[brackets\\].'],
  ])('gives back the same blocks for %s', (_name, markdown) => {
    const { blocks, again } = roundTrip(markdown);
    expect(blocks.length).toBeGreaterThan(0);
    expect(again).toEqual(blocks);
  });

  it('keeps a paragraph that starts like a heading or a list a paragraph', () => {
    const blocks = [
      {
        __typename: 'Paragraph' as const,
        inlines: [{ text: '# not a heading', marks: [], href: null }],
      },
      {
        __typename: 'Paragraph' as const,
        inlines: [{ text: '- not a list', marks: [], href: null }],
      },
    ];
    expect(toUiBlocks(markdownToBlocks(blocksToMarkdown(blocks)))).toEqual(blocks);
  });
});

describe('previewBlocks', () => {
  it('renders what is typed as the reader will show it', () => {
    expect(previewBlocks('Hello *world*')).toEqual([
      {
        __typename: 'Paragraph',
        inlines: [
          { text: 'Hello ', marks: [], href: null },
          { text: 'world', marks: ['EMPHASIS'], href: null },
        ],
      },
    ]);
  });
});
