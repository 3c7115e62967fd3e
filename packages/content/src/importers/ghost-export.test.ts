import { ghostSourceItems } from './ghost-export.js';

const lexical = JSON.stringify({
  root: {
    type: 'root',
    children: [
      {
        type: 'paragraph',
        children: [
          { type: 'extended-text', text: 'Bold', format: 1 },
          { type: 'extended-text', text: ' start.', format: 0 },
        ],
      },
      { type: 'extended-heading', tag: 'h2', children: [{ type: 'extended-text', text: 'Steps' }] },
      {
        type: 'list',
        listType: 'number',
        children: [{ type: 'listitem', children: [{ type: 'text', text: 'Open <it>' }] }],
      },
      { type: 'image', src: '__GHOST_URL__/content/images/a.jpg', alt: 'A radio' },
    ],
  },
});

const mobiledoc = JSON.stringify({
  version: '0.3.1',
  atoms: [],
  cards: [['code', { code: 'x = 1', language: 'py' }]],
  markups: [['a', ['href', 'https://example.org']]],
  sections: [
    [
      1,
      'p',
      [
        [0, [0], 1, 'Linked'],
        [0, [], 0, ' text.'],
      ],
    ],
    [1, 'h2', [[0, [], 0, 'Code']]],
    [10, 0],
  ],
});

function exportOf(posts: object[]) {
  return JSON.stringify({
    db: [
      {
        meta: { exported_on: 1, version: '5.100.0' },
        data: {
          posts,
          tags: [
            { id: 't1', name: 'Repairs', visibility: 'public' },
            { id: 't2', name: '#hidden', visibility: 'internal' },
          ],
          posts_tags: [
            { post_id: 'p1', tag_id: 't2', sort_order: 1 },
            { post_id: 'p1', tag_id: 't1', sort_order: 0 },
          ],
          users: [{ id: 'u1', name: 'Ada Okafor' }],
          posts_authors: [{ post_id: 'p1', author_id: 'u1', sort_order: 0 }],
        },
      },
    ],
  });
}

describe('Ghost exports', () => {
  it('reads a post from its Lexical document when html is absent, with tags and authors', () => {
    const [item] = ghostSourceItems(
      exportOf([
        {
          id: 'p1',
          uuid: 'u-1',
          title: 'Fixing radios',
          slug: 'radios',
          lexical,
          html: null,
          status: 'published',
          type: 'post',
          published_at: '2025-01-02T03:04:05.000Z',
        },
      ]),
      'g.json',
    );
    expect(item).toEqual({
      kind: 'article',
      location: 'g.json posts[0] (radios)',
      sourceKey: 'ghost:u-1',
      status: 'published',
      warnings: [],
      draft: {
        title: 'Fixing radios',
        slug: 'radios',
        summary: undefined,
        label: undefined,
        author: 'Ada Okafor',
        tags: ['Repairs'],
        publishedAt: new Date('2025-01-02T03:04:05.000Z'),
        sections: [
          {
            heading: null,
            blocks: [
              {
                type: 'paragraph',
                inlines: [
                  { text: 'Bold', marks: ['strong'] },
                  { text: ' start.', marks: [] },
                ],
              },
            ],
          },
          {
            heading: 'Steps',
            blocks: [
              { type: 'list', ordered: true, items: [[{ text: 'Open <it>', marks: [] }]] },
              { type: 'image', src: '/content/images/a.jpg', alt: 'A radio' },
            ],
          },
        ],
      },
    });
  });

  it('reads a Mobiledoc post, labels pages, maps drafts and scheduled posts', () => {
    const items = ghostSourceItems(
      exportOf([
        {
          id: 'p2',
          title: 'Old post',
          slug: 'old',
          mobiledoc,
          status: 'published',
          published_at: '2020-01-01T00:00:00.000Z',
        },
        {
          id: 'p3',
          title: 'About',
          slug: 'about',
          html: '<p>Us.</p>',
          type: 'page',
          status: 'published',
          published_at: '2020-01-01T00:00:00.000Z',
        },
        {
          id: 'p4',
          title: 'Later',
          slug: 'later',
          html: '<p>Soon.</p>',
          status: 'scheduled',
          published_at: '2031-01-01T00:00:00.000Z',
        },
        {
          id: 'p5',
          title: 'Idea',
          slug: 'idea',
          html: '<p>Maybe.</p>',
          status: 'draft',
          published_at: null,
        },
      ]),
      'g.json',
    );
    expect(items[0]).toMatchObject({
      sourceKey: 'ghost:p2',
      draft: {
        sections: [
          {
            heading: null,
            blocks: [
              {
                type: 'paragraph',
                inlines: [{ text: 'Linked', href: 'https://example.org' }, { text: ' text.' }],
              },
            ],
          },
          { heading: 'Code', blocks: [{ type: 'code', language: 'py', code: 'x = 1' }] },
        ],
      },
    });
    expect(
      items.slice(1).map((item) => item.kind === 'article' && [item.status, item.draft.label]),
    ).toEqual([
      ['published', 'Page'],
      ['scheduled', undefined],
      ['draft', undefined],
    ]);
  });

  it('keeps members-only and paid posts out of public view', () => {
    const [item] = ghostSourceItems(
      exportOf([
        {
          id: 'p8',
          title: 'Paid',
          html: '<p>x</p>',
          status: 'published',
          visibility: 'paid',
          published_at: '2024-01-01T00:00:00Z',
        },
      ]),
      'g.json',
    );
    expect(item).toMatchObject({
      status: 'draft',
      warnings: ['visible to paid only in Ghost; imported as a draft'],
    });
  });

  it('refuses JSON that is not a Ghost export, and reports a bad post and goes on', () => {
    expect(() => ghostSourceItems('{"posts": 3}', 'x.json')).toThrow(
      /x\.json is not a Ghost export/,
    );
    expect(() => ghostSourceItems('{"db": [', 'x.json')).toThrow(/x\.json is not valid JSON/);
    const items = ghostSourceItems(
      exportOf([
        { id: 'p6', title: '', slug: 'untitled', html: '<p>x</p>', status: 'published' },
        { id: 'p7', title: 'Fine', html: '<p>x</p>', status: 'published' },
      ]),
      'g.json',
    );
    expect(items.map((item) => item.kind)).toEqual(['failed', 'article']);
    expect(items[0]).toMatchObject({ location: 'g.json posts[0] (untitled)', reason: 'no title' });
  });
});
