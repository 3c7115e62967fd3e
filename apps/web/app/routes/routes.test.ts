import type { AppLoadContext } from '@remix-run/node';
import { ApiRequestError, ApiUnavailableError, type ApiClient } from '~/lib/api.server';
import { action as reportAction } from './articles.$slug_.report';
import { loader as articleLoader } from './articles.$slug';

/** A stand-in API client answering with canned data, recording what it was asked. */
function fakeApi(answer: (document: string, variables: unknown) => unknown) {
  const calls: Array<{ document: string; variables: unknown; clientAddress?: string }> = [];
  const api: ApiClient = {
    request: async (document, variables, options) => {
      calls.push({ document, variables, clientAddress: options?.clientAddress });
      return answer(document, variables) as never;
    },
  };
  const context: AppLoadContext = {
    reader: { api, clientAddress: '203.0.113.9', requestId: 'test' },
  };
  return { calls, context };
}

const article = (moderationState = 'VISIBLE') => ({
  article: {
    id: '1',
    slug: 'tides',
    title: 'Tides',
    summary: null,
    label: null,
    author: null,
    tags: [],
    publishedAt: null,
    updatedAt: '2026-01-01T00:00:00Z',
    readingTimeMinutes: 1,
    moderationState,
    toc: [{ anchor: 'high', heading: 'High' }],
    sections: [],
    related: [],
  },
});

async function thrown(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error('expected a thrown response');
}

describe('article page loader', () => {
  const load = (slug: string, context: AppLoadContext) =>
    articleLoader({ params: { slug }, context, request: new Request(`http://x/articles/${slug}`) });

  it('answers 404 for slugs that cannot exist, without asking the API', async () => {
    const { calls, context } = fakeApi(() => article());
    for (const slug of ['../etc/passwd', 'a%00b', 'x'.repeat(5000), 'UPPER']) {
      expect((await thrown(load(slug, context))).status).toBe(404);
    }
    expect(calls).toHaveLength(0);
  });

  it('answers 404 for an unknown article and 410 for a removed one', async () => {
    expect((await thrown(load('tides', fakeApi(() => ({ article: null })).context))).status).toBe(
      404,
    );
    expect((await thrown(load('tides', fakeApi(() => article('REMOVED')).context))).status).toBe(
      410,
    );
  });

  it('answers 503 when the API is away', async () => {
    const response = await thrown(
      load(
        'tides',
        fakeApi(() => {
          throw new ApiUnavailableError('down');
        }).context,
      ),
    );
    expect(response.status).toBe(503);
  });

  it('lists the headed sections as the table of contents, without asking the API for one', async () => {
    const sections = [
      { id: 's1', anchor: 'intro', heading: null, blocks: [] },
      { id: 's2', anchor: 'high', heading: 'High', blocks: [] },
      { id: 's3', anchor: 'low', heading: 'Low', blocks: [] },
    ];
    const { calls, context } = fakeApi(() => ({
      article: { ...article().article, toc: undefined, sections },
    }));
    context.reader!.documentRequest = true;
    const data = await ((await load('tides', context)) as Response).json();
    expect(data.article.toc).toEqual([
      { anchor: 'high', heading: 'High' },
      { anchor: 'low', heading: 'Low' },
    ]);
    expect(calls[0]!.document).not.toMatch(/\btoc\b/);
  });

  it('lets shared caches keep the page and revalidate it in the background', async () => {
    const response = (await load('tides', fakeApi(() => article()).context)) as Response;
    expect(response.headers.get('Cache-Control')).toBe('public, no-cache');
  });

  it('keeps the body out of a whole page’s data, and sends it to a client-side navigation', async () => {
    const sections = [{ id: 's1', anchor: 'high', heading: 'High', blocks: [] }];
    const answer = () => ({ article: { ...article().article, sections } });

    const page = fakeApi(answer).context;
    page.reader!.documentRequest = true;
    const pageData = await ((await load('tides', page)) as Response).json();
    expect(pageData.article.sections).toBeNull();
    // ... but as the body's HTML for the page, rendered from them.
    expect(page.reader!.serverOnly).toEqual({
      'article-body': expect.stringContaining('<section id="high" aria-labelledby="high-heading">'),
    });

    const navigation = fakeApi(answer).context;
    const navigationData = await ((await load('tides', navigation)) as Response).json();
    expect(navigationData.article.sections).toEqual(sections);
    expect(navigation.reader!.serverOnly).toBeUndefined();
  });
});

describe('report form action', () => {
  const key = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
  const post = (fields: Record<string, string>, context: AppLoadContext) =>
    reportAction({
      params: { slug: 'tides' },
      context,
      request: new Request('http://x/articles/tides/report', {
        method: 'POST',
        body: new URLSearchParams(fields),
      }),
    });

  it('files the report with the reader address and redirects to the receipt (POST/redirect/GET)', async () => {
    const { calls, context } = fakeApi((document) =>
      document.includes('submitReport') ? { submitReport: { receipt: 'R-ABCDEFGHJK' } } : article(),
    );
    const response = (await post(
      { reason: 'SPAM', section: 'high', idempotencyKey: key, details: '', contactEmail: '' },
      context,
    )) as Response;
    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe('/reports/R-ABCDEFGHJK');
    const submit = calls.find((call) => call.document.includes('submitReport'))!;
    expect(submit.clientAddress).toBe('203.0.113.9');
    expect(submit.variables).toEqual({
      input: {
        articleSlug: 'tides',
        sectionAnchor: 'high',
        reason: 'SPAM',
        details: null,
        contactEmail: null,
        idempotencyKey: key,
      },
    });
  });

  it('returns field errors with the typed values, and sends nothing', async () => {
    const { calls, context } = fakeApi(() => article());
    const response = (await post(
      { reason: 'OTHER', details: '', contactEmail: 'me@', idempotencyKey: key },
      context,
    )) as Response;
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.errors).toEqual({ details: expect.any(String), contactEmail: expect.any(String) });
    expect(body.values).toMatchObject({ reason: 'OTHER', contactEmail: 'me@' });
    expect(calls.some((call) => call.document.includes('submitReport'))).toBe(false);
  });

  it('explains a rate limit with 429', async () => {
    const { context } = fakeApi((document) => {
      if (document.includes('submitReport'))
        throw new ApiRequestError([{ message: 'Too many', extensions: { code: 'RATE_LIMITED' } }]);
      return article();
    });
    const response = (await post({ reason: 'SPAM', idempotencyKey: key }, context)) as Response;
    expect(response.status).toBe(429);
    expect((await response.json()).errors.form).toMatch(/wait a few minutes/);
  });
});
