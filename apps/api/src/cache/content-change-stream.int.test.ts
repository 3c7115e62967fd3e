import { createArticle } from '../../test/factories.js';
import { useApiTestContext } from '../../test/api-test-context.js';
import { TEST_FORWARDING_SECRET } from '../../test/test-api.js';
import { bearerFor, Role } from '../../test/tokens.js';
import { FORWARDING_SECRET_HEADER } from '@folio/contract';
import { ACKNOWLEDGE_TIMEOUT_MS } from './content-change-stream.js';

const context = useApiTestContext();

interface VersionEvent {
  instance: string;
  version: number;
  trusted: boolean;
  subscriber: string;
}

const READER_HEADERS = { [FORWARDING_SECRET_HEADER]: TEST_FORWARDING_SECRET };

/** Follows a live /content-changes stream as the reader does. */
async function subscribe() {
  const controller = new AbortController();
  const response = await fetch(`${context.api.url}/content-changes`, {
    signal: controller.signal,
    headers: READER_HEADERS,
  });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return {
    response,
    /** The next `event: version` message; undefined when the API ended the stream. */
    async next(): Promise<VersionEvent | undefined> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^data: (.*)$/m.exec(message)?.[1];
          if (data) return JSON.parse(data);
          continue;
        }
        const { value, done } = await reader.read();
        if (done) return undefined;
        buffer += value;
      }
    },
    acknowledge: (event: VersionEvent) =>
      fetch(`${context.api.url}/content-changes/ack`, {
        method: 'POST',
        headers: { ...READER_HEADERS, 'content-type': 'application/json' },
        body: JSON.stringify({ subscriber: event.subscriber, version: event.version }),
      }),
    close: () => controller.abort(),
  };
}

async function unpublishAs(editor: Record<string, string>, slug: string) {
  const [{ id }] = await context.db.dataSource.query('SELECT id FROM articles WHERE slug = $1', [
    slug,
  ]);
  return context.api.query(
    'mutation ($id: ID!) { unpublishArticle(id: $id) { status } }',
    { id },
    editor,
  );
}

describe('GET /content-changes', () => {
  it('is refused without the secret shared with the reader site', async () => {
    const attempts: Array<Record<string, string>> = [
      {},
      { [FORWARDING_SECRET_HEADER]: 'not-the-secret-at-all' },
    ];
    for (const headers of attempts) {
      const response = await fetch(`${context.api.url}/content-changes`, { headers });
      expect(response.status).toBe(401);
    }
  });

  it('announces each content change, and answers the mutation only once the reader confirmed', async () => {
    const article = await createArticle(context.db.dataSource, { title: 'Tide Tables' });
    const editor = await bearerFor(context.db.dataSource, Role.EDITOR);
    const stream = await subscribe();
    expect(stream.response.headers.get('content-type')).toBe('text/event-stream');
    const first = (await stream.next())!;
    expect(first).toMatchObject({ trusted: true });

    let answered = false;
    const mutation = unpublishAs(editor, article.slug).then((response) => {
      answered = true;
      return response;
    });
    const change = (await stream.next())!;
    expect(change).toMatchObject({ instance: first.instance, subscriber: first.subscriber });
    expect(change.version).toBeGreaterThan(first.version);
    // The reader has not confirmed yet: the editor is still waiting.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(answered).toBe(false);
    // Confirm this change and any after it: PostgreSQL's notification announces the same
    // change once more, as it does every change made by any process.
    const confirming = (async () => {
      for (let event = change; event; event = (await stream.next())!)
        expect((await stream.acknowledge(event)).status).toBe(204);
    })().catch(() => undefined); // ends when the stream is closed below
    expect((await mutation).errors).toBeUndefined();
    stream.close();
    await confirming;
  });

  it('cuts off a reader that does not confirm, and answers the mutation anyway', async () => {
    const article = await createArticle(context.db.dataSource, { title: 'Slow Reader' });
    const editor = await bearerFor(context.db.dataSource, Role.EDITOR);
    const stream = await subscribe();
    await stream.next();
    const started = Date.now();
    const { errors } = await unpublishAs(editor, article.slug);
    expect(errors).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(ACKNOWLEDGE_TIMEOUT_MS - 50);
    // The change was announced, then the stream ended (the loop stops only at its end).
    const announced: VersionEvent[] = [];
    for (let event = await stream.next(); event; event = await stream.next()) announced.push(event);
    expect(announced.length).toBeGreaterThanOrEqual(1);
  });
});
