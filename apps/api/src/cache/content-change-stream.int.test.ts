import { createArticle } from '../../test/factories.js';
import { useApiTestContext } from '../../test/api-test-context.js';
import { TEST_FORWARDING_SECRET } from '../../test/test-api.js';
import { bearerFor, Role } from '../../test/tokens.js';
import { FORWARDING_SECRET_HEADER } from '../modules/reports/reporter-identity.js';

const context = useApiTestContext();

interface VersionEvent {
  instance: string;
  version: number;
  trusted: boolean;
}

/** Reads `event: version` messages off a live /content-changes stream. */
async function subscribe() {
  const controller = new AbortController();
  const response = await fetch(`${context.api.url}/content-changes`, {
    signal: controller.signal,
    headers: { [FORWARDING_SECRET_HEADER]: TEST_FORWARDING_SECRET },
  });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return {
    response,
    async next(): Promise<VersionEvent> {
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
        if (done) throw new Error('stream ended');
        buffer += value;
      }
    },
    close: () => controller.abort(),
  };
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

  it('announces the version at once and again after every content change', async () => {
    const article = await createArticle(context.db.dataSource, { title: 'Tide Tables' });
    const stream = await subscribe();
    expect(stream.response.headers.get('content-type')).toBe('text/event-stream');
    const first = await stream.next();
    expect(first).toMatchObject({ trusted: true });

    const editor = await bearerFor(context.db.dataSource, Role.EDITOR);
    const [{ id }] = await context.db.dataSource.query('SELECT id FROM articles WHERE slug = $1', [
      article.slug,
    ]);
    const answered = context.api.query(
      'mutation ($id: ID!) { unpublishArticle(id: $id) { status } }',
      { id },
      editor,
    );
    const next = await stream.next();
    expect(next.instance).toBe(first.instance);
    expect(next.version).toBeGreaterThan(first.version);
    expect((await answered).errors).toBeUndefined();
    stream.close();
  });
});
