// The reader's page cache: whole public pages in memory, served stale while one background
// render refreshes them, and dropped the moment the API announces a content change
// (./content-changes.ts). Without a live announcement stream it is not used at all, so a page
// removed by a moderator is never served from here once the removal is acknowledged.
import { REQUEST_ID_HEADER } from '@folio/contract';
import { LRUCache } from 'lru-cache';

export interface CachedPage {
  status: number;
  headers: Array<[string, string]>;
  body: Buffer;
  /** epoch ms */
  storedAt: number;
}

export interface CacheHit {
  page: CachedPage;
  state: 'fresh' | 'stale';
  ageSeconds: number;
}

/** Response headers a cached page never repeats: they belong to the request that made it. */
const REQUEST_BOUND_HEADERS = new Set<string>(['set-cookie', REQUEST_ID_HEADER, 'date', 'age']);

export class PageCache {
  #pages: LRUCache<string, CachedPage>;
  #freshMs: number;
  #staleMs: number;
  #now: () => number;
  #generation = 0;
  #usable = false;

  /** freshSeconds: served as is; then until staleSeconds more: served while refreshing. */
  constructor({
    maxSizeMb,
    freshSeconds = 300,
    staleSeconds = 3600,
    now = Date.now,
  }: {
    maxSizeMb: number;
    freshSeconds?: number;
    staleSeconds?: number;
    now?: () => number;
  }) {
    this.#freshMs = freshSeconds * 1000;
    this.#staleMs = staleSeconds * 1000;
    this.#now = now;
    this.#pages = new LRUCache<string, CachedPage>({
      maxSize: Math.max(1, maxSizeMb) * 2 ** 20,
      // The key is held too: without it, long junk keys would cost memory the cap never sees.
      sizeCalculation: (page, key) => pageBytes(page, key),
      ttl: this.#freshMs + this.#staleMs,
      ttlAutopurge: false,
    });
  }

  /** Whether pages may be served from or stored in the cache right now. */
  get usable(): boolean {
    return this.#usable;
  }

  /** Turned on only while content changes are being announced; turning it off also purges. */
  set usable(usable: boolean) {
    if (!usable) this.purge();
    this.#usable = usable;
  }

  /** Which purge a render started under; see store(). */
  get generation(): number {
    return this.#generation;
  }

  /** Entries held and the bytes counted against the cap (bodies, keys and headers). */
  get stats(): { entries: number; bytes: number } {
    return { entries: this.#pages.size, bytes: this.#pages.calculatedSize };
  }

  purge(): void {
    this.#generation += 1;
    this.#pages.clear();
  }

  lookup(key: string): CacheHit | null {
    if (!this.#usable) return null;
    const page = this.#pages.get(key);
    if (!page) return null;
    const age = this.#now() - page.storedAt;
    return {
      page,
      state: age < this.#freshMs ? 'fresh' : 'stale',
      ageSeconds: Math.floor(age / 1000),
    };
  }

  /**
   * Keeps a 200 response that declared itself public. A render that started before the last
   * purge may hold content from before the change, so it is not kept.
   * @param startedUnder the generation read when the render began
   * @returns the page as kept, or null when it was not
   */
  store(key: string, response: Response, body: Buffer, startedUnder: number): CachedPage | null {
    if (!this.#usable || startedUnder !== this.#generation) return null;
    if (!isCacheablePage(response)) return null;
    const page: CachedPage = {
      status: response.status,
      headers: [...response.headers].filter(
        ([name]) => !REQUEST_BOUND_HEADERS.has(name.toLowerCase()),
      ),
      body,
      storedAt: this.#now(),
    };
    this.#pages.set(key, page);
    return page;
  }
}

/** What one entry holds: body, key, headers, and a fixed allowance for the objects around them. */
export function pageBytes(page: CachedPage, key: string): number {
  let bytes = page.body.length + Buffer.byteLength(key) + 256;
  for (const [name, value] of page.headers) bytes += name.length + Buffer.byteLength(value);
  return bytes;
}

/** 200, public, and not marked no-store or private: what any shared cache may keep. */
export function isCacheablePage(response: Response): boolean {
  const cacheControl = response.headers.get('cache-control') ?? '';
  return (
    response.status === 200 &&
    /\bpublic\b/.test(cacheControl) &&
    !/\b(no-store|private)\b/.test(cacheControl) &&
    !response.headers.has('set-cookie')
  );
}
