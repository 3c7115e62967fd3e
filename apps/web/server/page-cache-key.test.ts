import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MAX_KEY_BYTES, pageCacheKey } from './page-cache-key';

describe('page cache keys', () => {
  it('keep only the parameters a route reads, in one order', () => {
    expect(pageCacheKey('/?x=1')).toBe('/');
    expect(pageCacheKey('/?utm_source=a&after=C1&after=C2&zzz')).toBe('/?after=C1');
    expect(pageCacheKey('/search?after=C&junk=1&q=tides%20and+moon')).toBe(
      '/search?q=tides+and+moon&after=C',
    );
    expect(pageCacheKey('/search?q=tides+and%20moon&after=C')).toBe(
      '/search?q=tides+and+moon&after=C',
    );
    expect(pageCacheKey('/tags/ocean?after=C&q=x')).toBe('/tags/ocean?after=C');
    expect(pageCacheKey('/articles/tides?after=C&q=x&section=a')).toBe('/articles/tides');
    expect(pageCacheKey('/feed.xml?v=2')).toBe('/feed.xml');
    expect(pageCacheKey('/articles/tides/report?section=high&x=1')).toBe(
      '/articles/tides/report?section=high',
    );
  });

  it('spell each path one way: escapes of plain characters decoded, tags in lower case', () => {
    expect(pageCacheKey('/articles/%61-field%2dguide')).toBe('/articles/a-field-guide');
    expect(pageCacheKey('/articles/caf%c3%a9')).toBe('/articles/caf%C3%A9');
    // An escaped slash stays escaped: it is part of a segment, not a new one.
    expect(pageCacheKey('/articles/a%2fb')).toBe('/articles/a%2Fb');
    expect(pageCacheKey('/tags/OCEAN?after=C')).toBe('/tags/ocean?after=C');
    expect(pageCacheKey('/tags/%4Fcean')).toBe('/tags/ocean');
    expect(pageCacheKey('/tags/%C3%89t%C3%A9')).toBe('/tags/%C3%A9t%C3%A9');
    expect(pageCacheKey('/tags/%E0%A4%A')).toBe('/tags/%E0%A4%A');
  });

  it("keep Remix's own data parameter, so page data and pages never share a key", () => {
    expect(pageCacheKey('/?after=C&_data=routes%2F_index&x=1')).toBe(
      '/?after=C&_data=routes%2F_index',
    );
    expect(pageCacheKey('/articles/tides?_data=routes%2Farticles.%24slug')).toBe(
      '/articles/tides?_data=routes%2Farticles.%24slug',
    );
  });

  it('leave out what is never cached: the route manifest and keys past the length cap', () => {
    expect(pageCacheKey('/__manifest?version=abc&p=%2Fsearch')).toBeNull();
    const long = `/search?q=${'a'.repeat(MAX_KEY_BYTES)}`;
    expect(pageCacheKey(long)).toBeNull();
    // Junk alone never makes a key long: it is dropped first.
    expect(pageCacheKey(`/?junk=${'a'.repeat(100_000)}`)).toBe('/');
  });

  it('know every query parameter the routes read', () => {
    // A loader that starts reading a parameter the table does not know would be served the
    // page of another URL: fail here instead.
    const routes = path.join(__dirname, '../app/routes');
    const read: string[] = [];
    for (const file of readdirSync(routes)) {
      if (file.endsWith('.test.ts')) continue;
      const source = readFileSync(path.join(routes, file), 'utf8');
      for (const match of source.matchAll(
        /searchParams\.get(?:All)?\('([^']+)'\)|params\.get\('([^']+)'\)/g,
      ))
        read.push(`${file}:${match[1] ?? match[2]}`);
    }
    expect(read.sort()).toEqual(
      [
        '_index.tsx:after',
        'articles.$slug_.report.tsx:section',
        'search.tsx:after',
        'search.tsx:q',
        'tags.$tag.tsx:after',
      ].sort(),
    );
    const url = (file: string) =>
      ({
        '_index.tsx': '/',
        'articles.$slug_.report.tsx': '/articles/a/report',
        'search.tsx': '/search',
        'tags.$tag.tsx': '/tags/t',
      })[file]!;
    for (const entry of read) {
      const [file, param] = entry.split(':') as [string, string];
      expect(pageCacheKey(`${url(file)}?${param}=v`)).toBe(`${url(file)}?${param}=v`);
    }
  });
});
