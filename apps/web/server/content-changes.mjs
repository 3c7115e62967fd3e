// Follows the API's content version (GET /content-changes, server-sent events) and keeps the
// page cache in step: a new version or API instance purges it; a lost stream, or an API that
// says it may be missing changes, switches it off until the stream is back.
import { EventSource } from 'eventsource';

/** The header the API checks for the secret it shares with the reader site. */
const FORWARDING_SECRET_HEADER = 'x-folio-forwarding-secret';

/**
 * @param {{ apiUrl: string, forwardingSecret?: string, cache: import('./page-cache.mjs').PageCache, logger: import('pino').Logger }} options
 *   forwardingSecret: the API only lets the reader site subscribe when it has one set
 * @returns {{ close(): void }}
 */
export function followContentChanges({ apiUrl, forwardingSecret, cache, logger }) {
  const source = new EventSource(new URL('/content-changes', apiUrl), {
    fetch: (input, init) =>
      fetch(input, {
        ...init,
        headers: {
          ...init?.headers,
          ...(forwardingSecret ? { [FORWARDING_SECRET_HEADER]: forwardingSecret } : {}),
        },
      }),
  });
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
