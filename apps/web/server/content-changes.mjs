// Follows the API's content version (GET /content-changes, server-sent events) and keeps the
// page cache in step: a new version or API instance purges it; a lost stream, or an API that
// says it may be missing changes, switches it off until the stream is back.
import { EventSource } from 'eventsource';

/**
 * @param {{ apiUrl: string, cache: import('./page-cache.mjs').PageCache, logger: import('pino').Logger }} options
 * @returns {{ close(): void }}
 */
export function followContentChanges({ apiUrl, cache, logger }) {
  const source = new EventSource(new URL('/content-changes', apiUrl));
  let last = null;
  source.addEventListener('version', (event) => {
    const { instance, version, trusted } = JSON.parse(event.data);
    if (last && (last.instance !== instance || last.version !== version)) cache.purge();
    last = { instance, version };
    cache.usable = trusted === true;
  });
  source.addEventListener('error', () => {
    if (cache.usable) logger.warn('content change stream lost; page cache off until it is back');
    // Changes may be missed while away: purge now, and again on the next event if it differs.
    cache.usable = false;
    last = null;
  });
  return { close: () => source.close() };
}
