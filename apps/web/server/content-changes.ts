// Follows the API's content version (GET /content-changes, server-sent events) and keeps the
// page cache in step: a new version or API instance purges it; a lost stream, or an API that
// says it may be missing changes, switches it off until the stream is back.
import {
  CONTENT_CHANGES_ACK_PATH,
  CONTENT_CHANGES_PATH,
  CONTENT_VERSION_EVENT,
  FORWARDING_SECRET_HEADER,
  parseContentVersionEvent,
} from '@folio/contract';
import type { Logger } from '@folio/server-kit';
import { EventSource } from 'eventsource';
import type { PageCache } from './page-cache';

export interface ContentChangeOptions {
  apiUrl: string;
  /** The API only lets the reader site subscribe when it has one set. */
  forwardingSecret?: string;
  cache: PageCache;
  logger: Logger;
}

export function followContentChanges({
  apiUrl,
  forwardingSecret,
  cache,
  logger,
}: ContentChangeOptions): { close(): void } {
  const secretHeader: Record<string, string> = forwardingSecret
    ? { [FORWARDING_SECRET_HEADER]: forwardingSecret }
    : {};
  const source = new EventSource(new URL(CONTENT_CHANGES_PATH, apiUrl), {
    fetch: (input, init) =>
      fetch(input, { ...init, headers: { ...init?.headers, ...secretHeader } }),
  });
  const ackUrl = new URL(CONTENT_CHANGES_ACK_PATH, apiUrl);
  let last: { instance: string; version: number } | null = null;
  source.addEventListener(CONTENT_VERSION_EVENT, (event: MessageEvent<string>) => {
    const { instance, version, trusted, subscriber } = parseContentVersionEvent(event.data);
    if (last && (last.instance !== instance || last.version !== version)) cache.purge();
    last = { instance, version };
    cache.usable = trusted === true;
    // The API holds a content mutation's answer until its readers confirm they purged.
    fetch(ackUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...secretHeader },
      body: JSON.stringify({ subscriber, version }),
    }).catch((error) => logger.warn({ err: error }, 'could not confirm a content change'));
  });
  source.addEventListener('error', () => {
    if (cache.usable) logger.warn('content change stream lost; page cache off until it is back');
    // Changes may be missed while away: purge now, and again on the next event if it differs.
    cache.usable = false;
    last = null;
  });
  return { close: () => source.close() };
}
