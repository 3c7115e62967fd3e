import { PageCache } from './page-cache';

const page = (body: string, cacheControl = 'public, no-cache', status = 200) =>
  new Response(body, { status, headers: { 'cache-control': cacheControl, etag: `W/"${body}"` } });

function cacheAt(clock: { now: number }) {
  const cache = new PageCache({
    maxSizeMb: 1,
    freshSeconds: 60,
    staleSeconds: 600,
    now: () => clock.now,
  });
  cache.usable = true;
  return cache;
}

describe('the reader page cache', () => {
  it('replays a public page, fresh and then stale, until it expires', () => {
    const clock = { now: 0 };
    const cache = cacheAt(clock);
    cache.store('/a', page('one'), Buffer.from('one'), cache.generation);
    expect(cache.lookup('/a')).toMatchObject({ state: 'fresh', ageSeconds: 0 });
    expect(cache.lookup('/a')!.page.body.toString()).toBe('one');
    clock.now = 61_000;
    expect(cache.lookup('/a')).toMatchObject({ state: 'stale', ageSeconds: 61 });
  });

  it('keeps nothing private, uncacheable or failed', () => {
    const cache = cacheAt({ now: 0 });
    for (const response of [
      page('x', 'private, no-store'),
      page('x', 'public, no-store'),
      page('x', 'max-age=60'),
      page('x', 'public, no-cache', 410),
    ]) {
      expect(cache.store('/x', response, Buffer.from('x'), cache.generation)).toBeNull();
    }
    expect(cache.lookup('/x')).toBeNull();
  });

  it('forgets everything on a purge, and refuses pages rendered before it', () => {
    const cache = cacheAt({ now: 0 });
    cache.store('/a', page('old'), Buffer.from('old'), cache.generation);
    const renderStartedUnder = cache.generation;
    cache.purge();
    expect(cache.lookup('/a')).toBeNull();
    // A render that began before the change finishes after it: its page is not kept.
    expect(cache.store('/a', page('old'), Buffer.from('old'), renderStartedUnder)).toBeNull();
    expect(cache.lookup('/a')).toBeNull();
  });

  it('is neither read nor written while content changes cannot be heard', () => {
    const cache = cacheAt({ now: 0 });
    cache.store('/a', page('one'), Buffer.from('one'), cache.generation);
    cache.usable = false;
    expect(cache.lookup('/a')).toBeNull();
    expect(cache.store('/b', page('two'), Buffer.from('two'), cache.generation)).toBeNull();
    cache.usable = true;
    expect(cache.lookup('/a')).toBeNull();
  });

  it('never repeats headers that belong to the request that made the page', () => {
    const cache = cacheAt({ now: 0 });
    const response = page('one');
    response.headers.set('x-request-id', 'abc');
    const kept = cache.store('/a', response, Buffer.from('one'), cache.generation)!;
    expect(Object.fromEntries(kept.headers)).toEqual({
      'cache-control': 'public, no-cache',
      'content-type': 'text/plain;charset=UTF-8',
      etag: 'W/"one"',
    });
  });

  it('counts the bytes of keys against its memory cap', () => {
    const cache = cacheAt({ now: 0 });
    // 1,000 tiny pages under 2 kB keys: the keys alone are twice the 1 MB cap.
    const keys = Array.from(
      { length: 1000 },
      (_, n) => `/search?q=${String(n).padStart(2040, '0')}`,
    );
    for (const key of keys) cache.store(key, page('x'), Buffer.from('x'), cache.generation);
    const kept = keys.filter((key) => cache.lookup(key) !== null);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(keys.length);
    const keyBytes = kept.reduce((sum, key) => sum + Buffer.byteLength(key), 0);
    expect(keyBytes).toBeLessThanOrEqual(2 ** 20);
    expect(cache.stats.bytes).toBeGreaterThanOrEqual(keyBytes);
    expect(cache.stats.bytes).toBeLessThanOrEqual(2 ** 20);
    // The newest pages are the ones kept.
    expect(cache.lookup(keys.at(-1)!)).not.toBeNull();
  });
});
