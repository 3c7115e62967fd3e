import { createRouteMatcher, remixRouterModule, type RouteLike } from './route-matcher';

// The package's own matchRoutes, as Remix's server runtime loads it: the answers to equal.
const router = remixRouterModule(__filename);
const original = router.matchRoutes;

interface Route extends RouteLike {
  id: string;
  children?: Route[];
}

/** The reader's route table as Remix builds it from app/routes (build/server's `routes`). */
function readerRoutes(): Route[] {
  const child = (id: string, path?: string, index?: boolean): Route => ({ id, path, index });
  return [
    {
      id: 'root',
      path: '',
      children: [
        child('routes/reports.$receipt_.appeal', 'reports/:receipt/appeal'),
        child('routes/articles.$slug_.report', 'articles/:slug/report'),
        child('routes/reports.$receipt', 'reports/:receipt'),
        child('routes/articles.$slug', 'articles/:slug'),
        child('routes/preview.$token', 'preview/:token'),
        child('routes/sitemap[.]xml', 'sitemap.xml'),
        child('routes/robots[.]txt', 'robots.txt'),
        child('routes/feed[.]xml', 'feed.xml'),
        child('routes/tags.$tag', 'tags/:tag'),
        child('routes/_index', undefined, true),
        child('routes/search', 'search'),
      ],
    },
  ];
}

/** Nesting, layouts without paths, splats, absolute children, case sensitivity, ties. */
function otherRoutes(): Route[] {
  return [
    {
      id: 'root',
      path: '/',
      children: [
        {
          id: 'layout',
          children: [
            { id: 'a', path: 'a/:x' },
            { id: 'b', path: 'b' },
          ],
        },
        {
          id: 'docs',
          path: 'docs',
          children: [
            { id: 'docs-index', index: true },
            { id: 'docs-splat', path: '*' },
            { id: 'docs-abs', path: '/docs/abs/:id' },
          ],
        },
        { id: 'Case', path: 'Case/:id', caseSensitive: true },
        { id: 'tie-1', path: ':one' },
        { id: 'tie-2', path: ':two' },
        { id: 'dots', path: 'file.(x)+' },
        { id: 'all', path: '*' },
      ],
    },
  ];
}

const paths = [
  '/',
  '',
  '/articles/tides',
  '/articles/tides/',
  '/articles//tides',
  '/ARTICLES/Tides',
  '/articles/tides/report',
  '/articles/a%2Fb',
  '/articles/%E2%9C%93',
  '/articles/%zz',
  '/articles/tides?section=x#top',
  '/reports/r-1',
  '/reports/r-1/appeal',
  '/reports/r-1/appeal/extra',
  '/sitemap.xml',
  '/sitemapxxml',
  '/robots.txt',
  '/feed.xml',
  '/tags/Sea%20Life',
  '/search',
  '/search/',
  '/preview/tok',
  '/unknown/deep/path',
  '/a/1',
  '/b',
  '/docs',
  '/docs/',
  '/docs/x/y/z',
  '/docs/abs/7',
  '/Case/1',
  '/case/1',
  '/file.(x)+',
  '/single',
  '/base/articles/tides',
  '/basement',
];

const strip = (matches: ReturnType<typeof original>) =>
  matches?.map(({ params, pathname, pathnameBase, route }) => ({
    params: { ...params },
    pathname,
    pathnameBase,
    id: (route as Route).id,
  })) ?? null;

describe('route matching with prepared tables', () => {
  // The package warns of a path it cannot decode (/articles/%zz); the prepared matcher is quiet.
  beforeEach(() => jest.spyOn(console, 'warn').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('answers as @remix-run/router does, for the reader’s routes and others', () => {
    const prepared = createRouteMatcher(original);
    for (const table of [readerRoutes, otherRoutes]) {
      for (const basename of [undefined, '/', '/base', '/base/']) {
        for (const path of paths) {
          for (const location of [path, { pathname: path }]) {
            // A fresh table each call, as React Router builds one per render.
            const expected = strip(original(table(), location, basename));
            expect({
              path,
              basename,
              matches: strip(prepared(table(), location, basename)),
            }).toEqual({ path, basename, matches: expected });
          }
        }
      }
    }
  });

  it('hands back the route objects of the table it was given', () => {
    const prepared = createRouteMatcher(original);
    prepared(readerRoutes(), '/articles/tides');
    const table = readerRoutes();
    const matches = prepared(table, '/articles/tides')!;
    expect(matches.map((match) => match.route)).toEqual([table[0], table[0]!.children![3]]);
    expect(matches[1]!.route).toBe(table[0]!.children![3]);
    expect(matches[1]!.params).toEqual({ slug: 'tides' });
  });

  it('leaves tables with optional segments to the package', () => {
    const calls: string[] = [];
    const prepared = createRouteMatcher((routes, location, basename) => {
      calls.push(String(location));
      return original(routes, location, basename);
    });
    const table: Route[] = [{ id: 'root', path: '', children: [{ id: 'o', path: 'o/:id?' }] }];
    expect(strip(prepared(table, '/o'))).toEqual(strip(original(table, '/o')));
    expect(calls).toEqual(['/o']);
  });

  it('sees a table change its shape (another route, another path)', () => {
    const prepared = createRouteMatcher(original);
    const first = readerRoutes();
    expect(strip(prepared(first, '/search'))?.at(-1)?.id).toBe('routes/search');
    const second = readerRoutes();
    second[0]!.children![10]!.path = 'find';
    expect(prepared(second, '/search')).toBeNull();
    expect(strip(prepared(second, '/find'))?.at(-1)?.id).toBe('routes/search');
  });
});
