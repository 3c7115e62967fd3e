import { FORWARDING_SECRET_HEADER } from '@folio/contract';
import { TEST_FORWARDING_SECRET } from './test-api.js';

// The API's content version as its readers see it, through GET /content-changes: every bump
// (a content mutation, a database notification) moves it, and with it the response cache key
// and every reader's page cache. Database notifications arrive asynchronously: seed a test's
// data before starting its API (a LISTEN hears nothing committed before it), so that the
// version moves only for what the test does.

async function versionEvents(apiUrl: string) {
  const controller = new AbortController();
  const response = await fetch(`${apiUrl}/content-changes`, {
    signal: controller.signal,
    headers: { [FORWARDING_SECRET_HEADER]: TEST_FORWARDING_SECRET },
  });
  if (response.status !== 200) throw new Error(`/content-changes answered ${response.status}`);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return {
    async next(): Promise<number> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^data: (.*)$/m.exec(message)?.[1];
          if (data) return (JSON.parse(data) as { version: number }).version;
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('/content-changes ended');
        buffer += value;
      }
    },
    close: () => {
      controller.abort();
      void reader.cancel().catch(() => undefined);
    },
  };
}

/** The version now. */
export async function contentVersion(apiUrl: string): Promise<number> {
  const events = await versionEvents(apiUrl);
  try {
    return await events.next();
  } finally {
    events.close();
  }
}

/** Resolves once the version is at least `atLeast`: waits on the stream's events, not a timer. */
export async function waitForContentVersion(apiUrl: string, atLeast: number): Promise<number> {
  const events = await versionEvents(apiUrl);
  try {
    for (;;) {
      const version = await events.next();
      if (version >= atLeast) return version;
    }
  } finally {
    events.close();
  }
}
