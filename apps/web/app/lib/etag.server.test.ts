import { cachedText, etagFor, isFresh } from './etag.server';

describe('ETags', () => {
  const tag = etagFor('<rss/>');

  it('answers 304 to a client that holds the same version', async () => {
    const request = new Request('http://x/feed.xml', {
      headers: { 'If-None-Match': `"other", ${tag}` },
    });
    const response = cachedText(request, '<rss/>', { 'Cache-Control': 'public' });
    expect(response.status).toBe(304);
    expect(response.headers.get('ETag')).toBe(tag);
    expect(await response.text()).toBe('');
  });

  it('sends the body with its tag otherwise', async () => {
    const response = cachedText(new Request('http://x/feed.xml'), '<rss/>', {});
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<rss/>');
    expect(
      isFresh(new Request('http://x', { headers: { 'If-None-Match': etagFor('changed') } }), tag),
    ).toBe(false);
  });
});
