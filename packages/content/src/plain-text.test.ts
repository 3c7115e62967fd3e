import { parsePlainTextArticle } from './plain-text.js';

const scraped = `How We Rebuilt the Night Bus Map
HOW WE REBUILT THE NIGHT BUS MAP
Blog Article
After two years of complaints, the night network finally has a map people can read.

Why the old map failed
The old map showed every route at once, which meant nobody could find theirs.
Riders told us three things:
• the colours were too similar
• stops had two names
- transfers were invisible

What we changed
We started from the stops people actually use at night.
1. Fewer colours
2. One name per stop
Advertisement
The result went live in March.

Report this page
Share this
`;

describe('parsePlainTextArticle', () => {
  const draft = parsePlainTextArticle(scraped);

  it('keeps one title even when the page repeats it in capitals', () => {
    expect(draft.title).toBe('How We Rebuilt the Night Bus Map');
  });

  it('takes the page kind under the title as the label', () => {
    expect(draft.label).toBe('Blog Article');
  });

  it('takes the short text before the first heading as the summary', () => {
    expect(draft.summary).toBe(
      'After two years of complaints, the night network finally has a map people can read.',
    );
  });

  it('finds headings: short lines without end punctuation followed by a paragraph', () => {
    expect(draft.sections.map((section) => section.heading)).toEqual([
      'Why the old map failed',
      'What we changed',
    ]);
  });

  it('groups bullet and numbered lines into lists', () => {
    const [, , bullets] = draft.sections[0]!.blocks;
    expect(bullets).toEqual({
      type: 'list',
      ordered: false,
      items: [
        [{ text: 'the colours were too similar', marks: [] }],
        [{ text: 'stops had two names', marks: [] }],
        [{ text: 'transfers were invisible', marks: [] }],
      ],
    });
    expect(draft.sections[1]!.blocks[1]).toMatchObject({ type: 'list', ordered: true });
  });

  it('drops page chrome such as adverts and "Report this page"', () => {
    const texts = draft.sections.flatMap((section) =>
      section.blocks.flatMap((block) => (block.type === 'paragraph' ? [block.inlines[0]!.text] : [])),
    );
    expect(texts).toEqual([
      'The old map showed every route at once, which meant nobody could find theirs.',
      'Riders told us three things:',
      'We started from the stops people actually use at night.',
      'The result went live in March.',
    ]);
  });

  it('takes a short lead paragraph before the first heading as the summary, the rest of the lead as an unheaded section', () => {
    const draft = parsePlainTextArticle(
      'Title\nA short standfirst.\nThe opening paragraph of the body.\nA heading\nBody text here.',
    );
    expect(draft.summary).toBe('A short standfirst.');
    expect(draft.sections.map((section) => section.heading)).toEqual([null, 'A heading']);
    expect(draft.sections[0]!.blocks).toEqual([
      { type: 'paragraph', inlines: [{ text: 'The opening paragraph of the body.', marks: [] }] },
    ]);
  });

  it('keeps a lead as body when its first paragraph is long or introduces what follows', () => {
    const long = 'Long. '.repeat(60).trim();
    expect(parsePlainTextArticle(`Title\n${long}\nMore lead.\nA heading\nBody text here.`).summary).toBeUndefined();
    const intro = parsePlainTextArticle('Title\nWe found three things:\n• one\n• two\nA heading\nBody text here.');
    expect(intro.summary).toBeUndefined();
    expect(intro.sections[0]!.heading).toBeNull();
  });

  it('takes the normal-case title when the page shows it first in capitals', () => {
    const draft = parsePlainTextArticle(
      'WHY LIBRARIES LEND SEEDS\nNews\nWhy Libraries Lend Seeds\nSeed libraries let gardeners borrow seeds.\nHow it works\nYou take a packet in spring.',
    );
    expect(draft.title).toBe('Why Libraries Lend Seeds');
    expect(draft.label).toBe('News');
    expect(draft.summary).toBe('Seed libraries let gardeners borrow seeds.');
  });

  it('keeps a title that is in capitals when the page shows it only once', () => {
    expect(parsePlainTextArticle('NASA AT 70\nA short history of the agency.').title).toBe('NASA AT 70');
  });

  it('does not take a short last line for a heading', () => {
    const draft = parsePlainTextArticle('Title\nOpening paragraph.\nThe end');
    expect(draft.sections).toEqual([
      {
        heading: null,
        blocks: [
          { type: 'paragraph', inlines: [{ text: 'Opening paragraph.', marks: [] }] },
          { type: 'paragraph', inlines: [{ text: 'The end', marks: [] }] },
        ],
      },
    ]);
  });

  it('refuses an empty document or a title alone', () => {
    expect(() => parsePlainTextArticle('  \n\n')).toThrow(/empty document/);
    expect(() => parsePlainTextArticle('Just a title\nReport this page')).toThrow(/no content/);
  });
});
