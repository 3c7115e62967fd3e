import { markdownToBlocks } from '@folio/content';
import { blocksToMarkdown } from './blocks-markdown.js';

// What an editor gets back to edit must come out as the same blocks when saved again.
describe('blocksToMarkdown', () => {
  it.each([
    [
      'paragraphs with marks and links',
      'Plain, *emphasis*, **strong**, `code` and [a link](https://example.org/a).',
    ],
    ['lists', '- one\n- two **bold**\n\n3. three\n4. four'],
    ['a quote with attribution', '> To be or not to be.\n>\n> — Hamlet'],
    ['code', '```ts\nconst x = 1;\n```'],
    ['an image', '![A harbour at dawn](/images/harbour.jpg "Dawn")'],
    [
      'text that looks like Markdown',
      'Stars \\* and \\_underscores\\_ and [brackets\\]\n\n1\\. not a list',
    ],
  ])('round-trips %s', (_name, markdown) => {
    const blocks = markdownToBlocks(markdown);
    const again = blocksToMarkdown(blocks);
    expect(markdownToBlocks(again)).toEqual(blocks);
  });

  it('writes readable Markdown', () => {
    expect(blocksToMarkdown(markdownToBlocks('Hello *there*.\n\n- a\n- b'))).toBe(
      'Hello *there*.\n\n- a\n- b',
    );
  });
});
