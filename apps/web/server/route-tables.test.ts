import { readdirSync } from 'node:fs';
import path from 'node:path';
import {
  createRequestHandler,
  type EntryContext,
  type LoaderFunctionArgs,
  type ServerBuild,
} from '@remix-run/node';
import { testServerBuild } from '../test/server-build';
import { routeTables, shapeOf } from './route-tables';

/** The reader's route table (app/routes), in the order Remix's build lists it. */
const READER_ROUTES: Array<{ id: string; path?: string; index?: true; resource?: true }> = [
  { id: 'routes/reports.$receipt_.appeal', path: 'reports/:receipt/appeal' },
  { id: 'routes/articles.$slug_.report', path: 'articles/:slug/report' },
  { id: 'routes/reports.$receipt', path: 'reports/:receipt' },
  { id: 'routes/articles.$slug', path: 'articles/:slug' },
  { id: 'routes/preview.$token', path: 'preview/:token' },
  { id: 'routes/sitemap[.]xml', path: 'sitemap.xml', resource: true },
  { id: 'routes/robots[.]txt', path: 'robots.txt', resource: true },
  { id: 'routes/feed[.]xml', path: 'feed.xml', resource: true },
  { id: 'routes/tags.$tag', path: 'tags/:tag' },
  { id: 'routes/_index', index: true },
  { id: 'routes/search', path: 'search' },
];

/**
 * A build with the reader's routes whose entry writes what Remix decided (the matches, their
 * params, the loaders' data, errors, status), so Remix's own handler over the full table and
 * over the narrowed ones can be compared answer for answer.
 */
function readerShapedBuild(): ServerBuild {
  const loader = (id: string) => (args: LoaderFunctionArgs) => ({
    id,
    params: args.params,
    url: args.request.url,
  });
  const page = (id: string) => ({
    default: () => null,
    loader: loader(id),
    action: () => ({ acted: id }),
  });
  const resource = (id: string) => ({
    loader: ({ params, request }: LoaderFunctionArgs) =>
      new Response(`${id} ${JSON.stringify(params)} ${request.url}`, {
        headers: { 'Content-Type': 'text/plain', ETag: `"${id}"` },
      }),
  });
  const routes: Record<string, unknown> = {
    root: {
      id: 'root',
      path: '',
      module: { default: () => null, ErrorBoundary: () => null },
    },
  };
  const manifest: Record<string, unknown> = {
    root: { id: 'root', path: '', module: '/root.js', hasLoader: false, hasErrorBoundary: true },
  };
  for (const { id, path, index, resource: isResource } of READER_ROUTES) {
    routes[id] = {
      id,
      parentId: 'root',
      path,
      index,
      module: isResource ? resource(id) : page(id),
    };
    manifest[id] = { id, parentId: 'root', path, index, module: `/${id}.js`, hasLoader: true };
  }
  return testServerBuild({
    routes,
    manifest,
    entry: {
      // Remix logs each error it answers (a 404, a 405): both sides answer the same ones.
      handleError: () => {},
      default: (_request: Request, status: number, headers: Headers, context: EntryContext) => {
        const { matches, loaderData, actionData, errors } = context.staticHandlerContext;
        const page = {
          status,
          matches: matches.map((match) => ({ id: match.route.id, params: match.params })),
          manifestRoutes: matches.map((match) => context.manifest.routes[match.route.id]?.module),
          loaderData,
          actionData,
          errors: errors && JSON.stringify(errors),
        };
        return new Response(JSON.stringify(page), { status, headers });
      },
    },
  });
}

async function answer(response: Response) {
  return {
    status: response.status,
    statusText: response.statusText,
    headers: [...response.headers],
    body: await response.text(),
  };
}

const PATHS = [
  '/',
  '//',
  '/articles/tides',
  '/articles/tides/',
  '/articles/tides//',
  '/ARTICLES/Tides',
  '/articles//tides',
  '/articles',
  '/articles/',
  '/articles/report',
  '/articles/tides/report',
  '/articles/report/report',
  '/Articles/Tides/REPORT/',
  '/articles/tides/reports',
  '/articles/caf%C3%A9',
  '/articles/a%2Fb',
  '/%61rticles/tides',
  '/reports/R1',
  '/reports/R1/appeal',
  '/reports/appeal/appeal',
  '/reports/articles',
  '/preview/t0k',
  '/tags/ocean',
  '/tags',
  '/search',
  '/search/',
  '/searchx',
  '/feed.xml',
  '/FEED.XML',
  '/feed.xml/',
  '/feedxxml',
  '/feed%2Exml',
  '/robots.txt',
  '/sitemap.xml',
  '/sitemap.xml/extra',
  '/x',
  '/x/y/z/w/v',
  `${'/articles'.repeat(17)}/tides`,
  '/articles/tides/report/more',
];
const QUERIES = [
  '',
  '?q=1',
  '?index',
  '?_data=root',
  '?_data=routes/articles.$slug',
  '?_data=routes/feed[.]xml',
  '?_data=routes/_index',
  '?_data=routes/nothing',
];

describe('route tables', () => {
  it('are tested with the reader’s own routes (one per file in app/routes)', () => {
    const files = readdirSync(path.join(__dirname, '../app/routes'))
      .filter((file) => !/\.test\.tsx?$/.test(file))
      .map((file) => `routes/${file.replace(/\.tsx?$/, '')}`);
    expect(READER_ROUTES.map((route) => route.id).sort()).toEqual(files.sort());
  });

  const build = readerShapedBuild();
  const full = createRequestHandler(build, 'production');
  const tables = routeTables(build, 'production');

  it('answer every path, query and method exactly as Remix over the whole table', async () => {
    let compared = 0;
    for (const path of PATHS) {
      for (const query of QUERIES) {
        for (const method of ['GET', 'HEAD', 'POST']) {
          const url = new URL(`http://reader.test${path}${query}`);
          const request = () =>
            new Request(url, method === 'POST' ? { method, body: 'a=1' } : { method });
          const expected = await answer(await full(request(), {}));
          const actual = await answer(await tables.handlerFor(url)(request(), {}));
          expect({ url: url.href, method, ...actual }).toEqual({
            url: url.href,
            method,
            ...expected,
          });
          compared++;
        }
      }
    }
    expect(compared).toBe(PATHS.length * QUERIES.length * 3);
  });

  it('hands Remix only the routes a path matches, and the root where none does', () => {
    const ids = (path: string) => tables.routeIdsFor(new URL(`http://reader.test${path}`));
    expect(ids('/articles/tides')).toEqual(['root', 'routes/articles.$slug']);
    expect(ids('/Articles/another-one/')).toEqual(['root', 'routes/articles.$slug']);
    expect(ids('/articles/tides/report')).toEqual(['root', 'routes/articles.$slug_.report']);
    expect(ids('/')).toEqual(['root', 'routes/_index']);
    expect(ids('/feed.xml')).toEqual(['root', 'routes/feed[.]xml']);
    expect(ids('/nowhere/at/all')).toEqual(['root']);
    // An escape is decoded by Remix before matching: such a path gets the whole table.
    expect(ids('/articles/caf%C3%A9')).toHaveLength(READER_ROUTES.length + 1);
  });

  it('reduces a path to what matching reads: static segments in lower case, any other value alike', () => {
    const statics = new Set(['articles', 'report', 'feed.xml']);
    expect(shapeOf('/articles/Tides', statics, 'x')).toBe('/articles/x');
    expect(shapeOf('/ARTICLES/report/', statics, 'x')).toBe('/articles/report/');
    expect(shapeOf('/articles//a', statics, 'x')).toBe('/articles//x');
    expect(shapeOf('/Feed.XML', statics, 'x')).toBe('/feed.xml');
    expect(shapeOf('/articles/%41', statics, 'x')).toBeNull();
    expect(shapeOf(`${'/a'.repeat(16)}`, statics, 'x')).toBe('/x'.repeat(16));
    expect(shapeOf(`${'/a'.repeat(17)}`, statics, 'x')).toBeNull();
  });

  it('gives every request the whole table when a route path is beyond what it reasons about', () => {
    const splat = readerShapedBuild();
    (splat.routes as Record<string, unknown>)['routes/$'] = {
      id: 'routes/$',
      parentId: 'root',
      path: '*',
      module: { default: () => null },
    };
    const ids = routeTables(splat, 'production').routeIdsFor(new URL('http://r.test/articles/a'));
    expect(ids).toHaveLength(READER_ROUTES.length + 2);
  });
});
