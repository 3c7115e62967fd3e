import { createRequestHandler, type AppLoadContext, type EntryContext } from '@remix-run/node';
import { testServerBuild } from '../../test/server-build';
import { pageData } from './page-data.server';

/**
 * Remix's own request handler over a one-route build whose entry records what the page would
 * render with: what a loader returns reaches the page (and a client's data fetch) through
 * Remix's real code path, not a copy of it.
 */
function oneRouteBuild(loaderData: unknown) {
  const rendered: EntryContext[] = [];
  const build = testServerBuild({
    manifest: {
      root: { id: 'root', path: '', module: '/root.js', hasLoader: true, hasAction: false },
    },
    entry: {
      default: (_request: Request, status: number, headers: Headers, context: EntryContext) => {
        rendered.push(context);
        return new Response('<html></html>', { status, headers });
      },
    },
    routes: {
      root: {
        id: 'root',
        path: '',
        module: {
          default: () => null,
          loader: ({ context }: { context: AppLoadContext }) =>
            pageData(context, loaderData, { headers: { 'Cache-Control': 'public, no-cache' } }),
          headers: ({ loaderHeaders }: { loaderHeaders: Headers }) => ({
            'Cache-Control': loaderHeaders.get('Cache-Control') ?? '',
          }),
        },
      },
    },
  });
  return { handle: createRequestHandler(build, 'production'), rendered };
}

const data = { article: { title: 'Tides', tags: ['sea'], summary: null }, n: 3 };

describe('page data', () => {
  it('reaches the page whole, with the loader’s headers, when the server renders the page', async () => {
    const { handle, rendered } = oneRouteBuild(data);
    const context = { reader: { clientAddress: '1', requestId: 'r', documentRequest: true } };
    const response = await handle(new Request('http://x/'), context);
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('public, no-cache');
    expect(rendered[0]!.staticHandlerContext.loaderData.root).toEqual(data);
    // ... and into the page's hydration data as JSON, as before.
    expect(JSON.parse(rendered[0]!.serverHandoffString!).state.loaderData.root).toEqual(data);
  });

  it('answers a client’s data fetch with a JSON response of the same data', async () => {
    const { handle } = oneRouteBuild(data);
    const context = { reader: { clientAddress: '1', requestId: 'r', documentRequest: false } };
    const response = await handle(new Request('http://x/?_data=root'), context);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual(data);
  });

  it('is a plain json() response without the reader’s context', async () => {
    const response = pageData({}, data, { headers: { 'Cache-Control': 'public, no-cache' } });
    expect(response).toBeInstanceOf(Response);
    expect(await response.json()).toEqual(data);
  });
});
