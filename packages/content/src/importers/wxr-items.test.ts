import type { ImportCandidate, SourceItem } from './candidate.js';
import { wxrSourceItems } from './wxr-items.js';
import { chunksOf, wxr } from './wxr-test-data.js';

async function itemsOf(xml: string): Promise<SourceItem[]> {
  const items: SourceItem[] = [];
  for await (const item of wxrSourceItems(chunksOf(xml), 'site.xml')) items.push(item);
  return items;
}

describe('WordPress items', () => {
  it('maps statuses: publish, future, draft, pending, private; skips trash and auto-drafts', async () => {
    const items = await itemsOf(
      wxr(
        { id: 1, status: 'publish' },
        { id: 2, status: 'future', date: '2031-01-01 09:00:00' },
        { id: 3, status: 'draft', date: '0000-00-00 00:00:00' },
        { id: 4, status: 'pending' },
        { id: 5, status: 'private' },
        { id: 6, status: 'trash' },
        { id: 7, status: 'auto-draft' },
      ),
    );
    expect(items.map((item) => (item.kind === 'article' ? item.status : item.kind))).toEqual([
      'published',
      'scheduled',
      'draft',
      'draft',
      'draft',
      'skipped',
      'skipped',
    ]);
    const scheduled = items[1] as ImportCandidate;
    expect(scheduled.draft.publishedAt).toEqual(new Date('2031-01-01T09:00:00Z'));
    expect((items[2] as ImportCandidate).draft.publishedAt).toBeUndefined();
  });

  it('keeps password-protected posts out of public view', async () => {
    const [item] = await itemsOf(wxr({ id: 1, password: 'tulips' }));
    expect(item).toMatchObject({
      status: 'draft',
      warnings: ['password-protected in WordPress; imported as a draft'],
      draft: { publishedAt: undefined },
    });
  });

  it('labels pages "Page", skips attachments and menu items with the reason', async () => {
    const items = await itemsOf(
      wxr(
        { id: 1, type: 'page' },
        { id: 2, type: 'attachment', status: 'inherit' },
        { id: 3, type: 'nav_menu_item' },
      ),
    );
    expect(items[0]).toMatchObject({ kind: 'article', draft: { label: 'Page' } });
    expect(items[1]).toMatchObject({ kind: 'skipped', reason: 'not a post or page (attachment)' });
    expect(items[2]).toMatchObject({
      kind: 'skipped',
      reason: 'not a post or page (nav_menu_item)',
    });
  });

  it('keys each post by site and post id, with author name, categories and tags', async () => {
    const [item] = await itemsOf(wxr({ id: 42, title: 'Beans &amp; peas', slug: 'beans' }));
    expect(item).toMatchObject({
      kind: 'article',
      location: expect.stringMatching(/^site\.xml:\d+ \(post 42\)$/),
      sourceKey: 'wordpress:https://site.example:42',
      draft: {
        title: 'Beans & peas',
        slug: 'beans',
        author: 'Kim Lee',
        tags: ['News', 'Field notes'],
        publishedAt: new Date('2024-06-05T16:04:48Z'),
      },
    });
  });

  it('drops shortcodes with a warning', async () => {
    const [item] = await itemsOf(wxr({ id: 1, body: '<p>Photos: [gallery ids="4,5"]</p>' }));
    expect(item).toMatchObject({
      warnings: ['shortcode [gallery] dropped'],
      draft: {
        sections: [
          { heading: null, blocks: [{ type: 'paragraph', inlines: [{ text: 'Photos:' }] }] },
        ],
      },
    });
  });

  it('reports a bad item with its location and goes on', async () => {
    const items = await itemsOf(wxr({ id: 1, title: '' }, { id: 2 }));
    expect(items[0]).toMatchObject({
      kind: 'failed',
      reason: 'no title',
      location: expect.stringMatching(/^site\.xml:\d+ \(post 1\)$/),
    });
    expect(items[1]).toMatchObject({ kind: 'article' });
  });
});
