import type { AppLoadContext } from '@remix-run/node';
import { isCacheablePage } from '../../server/page-cache';
import type { ApiClient } from '~/lib/api.server';
import { loader as previewLoader } from './preview.$token';

const TOKEN = `0b7f6f1e-1c1a-4c1e-9a43-2b5d2d6b9c11.1893456000.${'A'.repeat(43)}`;

function contextAnswering(answer: unknown) {
  const calls: unknown[] = [];
  const api: ApiClient = {
    request: async (_document, variables) => {
      calls.push(variables);
      return answer as never;
    },
  };
  const context: AppLoadContext = { reader: { api, clientAddress: '203.0.113.9', requestId: 't' } };
  return { calls, context };
}

const load = (token: string, context: AppLoadContext) =>
  previewLoader({ params: { token }, context, request: new Request(`http://x/preview/${token}`) });

async function thrown(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error('expected a thrown response');
}

describe('preview page loader', () => {
  const draft = {
    articlePreview: {
      id: '1',
      slug: 'draft',
      title: 'A draft',
      summary: null,
      label: null,
      author: null,
      tags: [],
      publishedAt: null,
      readingTimeMinutes: 1,
      toc: [],
      sections: [],
    },
  };

  it('serves the draft private, no-store and noindex, so no cache keeps it', async () => {
    const { calls, context } = contextAnswering(draft);
    const response = (await load(TOKEN, context)) as Response;
    expect(calls).toEqual([{ token: TOKEN }]);
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('private, no-store');
    expect(response.headers.get('X-Robots-Tag')).toBe('noindex, nofollow');
    expect(isCacheablePage(response)).toBe(false);
  });

  it('answers 404 for a token the API does not honour (expired, revoked, forged)', async () => {
    const { context } = contextAnswering({ articlePreview: null });
    const response = await thrown(load(TOKEN, context));
    expect(response.status).toBe(404);
    expect(response.headers.get('Cache-Control')).toBe('private, no-store');
  });

  it('answers 404 for something that is not a token, without asking the API', async () => {
    const { calls, context } = contextAnswering(draft);
    for (const token of ['x', '../../etc', `${TOKEN}x`]) {
      expect((await thrown(load(token, context))).status).toBe(404);
    }
    expect(calls).toHaveLength(0);
  });
});
