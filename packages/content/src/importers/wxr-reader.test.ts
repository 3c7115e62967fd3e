import { countWxrItems, readWxr } from './wxr-reader.js';
import { chunksOf, WXR_HEAD, WXR_TAIL, wxr, wxrItem } from './wxr-test-data.js';

describe('readWxr', () => {
  it('reads items with their fields, terms and line, and the channel authors', async () => {
    const records = [];
    for await (const record of readWxr(
      chunksOf(wxr({ id: 7 }, { id: 8, type: 'page' })),
      'x.xml',
    )) {
      records.push(record);
    }
    expect(records).toHaveLength(2);
    const [first, second] = records;
    expect(first!.item.fields).toMatchObject({
      title: 'Post 7',
      'wp:post_id': '7',
      'wp:post_type': 'post',
      'content:encoded': '<p>Body of post 7.</p>',
    });
    expect(first!.item.categories).toEqual([
      { domain: 'category', name: 'News' },
      { domain: 'post_tag', name: 'Field notes' },
      { domain: 'post_format', name: 'Aside' },
    ]);
    expect(first!.item.line).toBe(WXR_HEAD.split('\n').length);
    expect(second!.item.fields['wp:post_type']).toBe('page');
    expect(first!.channel).toMatchObject({ siteUrl: 'https://site.example', title: 'Test site' });
    expect(first!.channel.authors.get('kim')).toBe('Kim Lee');
  });

  it('refuses a malformed export, naming the file, line and problem', async () => {
    const broken = WXR_HEAD + wxrItem({ id: 1 }) + '<item><title>Broken</title>\n';
    await expect(countWxrItems(chunksOf(broken), 'broken.xml')).rejects.toThrow(
      /not well-formed XML: broken\.xml:\d+:\d+: unclosed tag: item/,
    );
  });

  it('refuses XML that is not a WordPress export', async () => {
    await expect(
      countWxrItems(chunksOf('<rss><channel></channel></rss>'), 'feed.xml'),
    ).rejects.toThrow(/feed\.xml is not a WordPress export/);
  });

  it('streams: each item comes out before much more of the file is read', async () => {
    // 2,000 items of ~6 KB (12 MB) from a generator that counts what has been pulled.
    const body = `<p>${'Lorem ipsum dolor sit amet. '.repeat(200)}</p>`;
    let pulled = 0;
    async function* source() {
      yield WXR_HEAD;
      for (let id = 1; id <= 2000; id++) {
        pulled += 1;
        yield wxrItem({ id, body });
      }
      yield WXR_TAIL;
    }
    let items = 0;
    let maxAhead = 0;
    for await (const { item } of readWxr(source(), 'big.xml')) {
      items += 1;
      maxAhead = Math.max(maxAhead, pulled - Number(item.fields['wp:post_id']));
    }
    expect(items).toBe(2000);
    // The reader never holds more than the chunk it is parsing.
    expect(maxAhead).toBeLessThanOrEqual(1);
  });
});
