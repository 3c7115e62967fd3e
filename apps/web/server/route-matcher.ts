// Route matching with the route table flattened, ranked and compiled once per table.
//
// @remix-run/router's matchRoutes flattens the whole route table, sorts it and builds a
// regular expression for each route it tries, on every call; a page calls it three times
// (Remix's server matching, its static handler, and React Router's <Routes> while rendering),
// about a tenth of the reader's CPU per page in the bench's profile. This is the same
// algorithm (router 1.23: flattenRoutes, rankRouteBranches, matchRouteBranch, matchPath,
// compilePath; MIT, Remix Software) with the work that depends only on the table done once per
// table shape (what matching reads: each route's path, index and caseSensitive flags and
// children; React Router's table is rebuilt for every render, so its identity cannot be the
// key), and `installRouteMatcher` puts it in place of the package's
// exported matchRoutes, which Remix's server runtime and React Router both call through the
// package's exports (the static handler's own call is internal and unchanged). Tables with
// optional segments (`:id?`), which the reader has none of, go to the package's own function;
// route-matcher.test.ts holds both to the same answers over the reader's real route table.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

export interface RouteLike {
  path?: string;
  index?: boolean;
  caseSensitive?: boolean;
  children?: RouteLike[];
}

export interface RouteMatchLike<R> {
  params: Record<string, string | undefined>;
  pathname: string;
  pathnameBase: string;
  route: R;
}

type MatchRoutes = <R extends RouteLike>(
  routes: R[],
  location: string | { pathname?: string },
  basename?: string,
) => RouteMatchLike<R>[] | null;

interface Compiled {
  matcher: RegExp;
  params: { paramName: string; isOptional?: boolean }[];
}

interface Meta {
  relativePath: string;
  caseSensitive: boolean;
  childrenIndex: number;
  /** compiled for the last route of a branch (end: true) and for its parents (end: false) */
  compiled: Compiled;
}

interface Branch {
  path: string;
  score: number;
  routesMeta: Meta[];
}

/** Tables of different shapes kept at most (an app has one; a test may make a few). */
const MAX_SHAPES = 32;

/** A matchRoutes equal in its answers to `original`, with each table shape's preparation kept. */
export function createRouteMatcher(original: MatchRoutes): MatchRoutes {
  const byShape = new Map<string, Branch[] | null>();
  // Remix's server table is the same object on every call: no need to read its shape again.
  // (Tables are not changed in place on the server: only the browser's lazy route discovery,
  // which the reader has off, patches one.)
  const byTable = new WeakMap<RouteLike[], Branch[] | null>();
  const branchesOf = (routes: RouteLike[]): Branch[] | null => {
    let branches = byTable.get(routes);
    if (branches !== undefined) return branches;
    const shape = shapeOf(routes);
    branches = byShape.get(shape);
    if (branches === undefined) {
      branches = hasOptionalSegments(routes) ? null : rank(flatten(routes));
      if (byShape.size >= MAX_SHAPES) byShape.clear();
      byShape.set(shape, branches);
    }
    byTable.set(routes, branches);
    return branches;
  };
  return ((routes: RouteLike[], location: string | { pathname?: string }, basename = '/') => {
    const branches = branchesOf(routes);
    if (branches === null) return original(routes, location, basename);
    const path = typeof location === 'string' ? pathOf(location) : location.pathname;
    const pathname = stripBasename(path || '/', basename);
    if (pathname == null) return null;
    const decoded = decodePath(pathname);
    for (const branch of branches) {
      const matches = matchBranch(routes, branch, decoded);
      if (matches) return matches;
    }
    return null;
  }) as MatchRoutes;
}

/**
 * What matching reads of a table, as text: equal shapes flatten and rank alike. Each path is
 * written with its length first, so no path can pass for another's end and the next's start.
 */
function shapeOf(routes: RouteLike[]): string {
  let shape = '[';
  for (const route of routes) {
    const path = route.path;
    shape += path == null ? '-' : `${path.length}:${path}`;
    if (route.index === true) shape += 'i';
    if (route.caseSensitive === true) shape += 'c';
    if (route.children && route.children.length > 0) shape += shapeOf(route.children);
    shape += ',';
  }
  return `${shape}]`;
}

export interface RemixRouterModule {
  matchRoutes: MatchRoutes;
}

/**
 * @remix-run/router as Remix's server runtime loads it (resolved from @remix-run/node, the
 * package the reader's server imports, by way of its server runtime), from a file at `from`.
 */
export function remixRouterModule(from: string): RemixRouterModule {
  const require = createRequire(from);
  const serverRuntime = require.resolve('@remix-run/server-runtime', {
    paths: [dirname(require.resolve('@remix-run/node'))],
  });
  return createRequire(serverRuntime)('@remix-run/router') as RemixRouterModule;
}

/** Puts the prepared matcher in place of the package's exported matchRoutes. */
export function installRouteMatcher(router: RemixRouterModule): void {
  router.matchRoutes = createRouteMatcher(router.matchRoutes);
}

function hasOptionalSegments(routes: RouteLike[]): boolean {
  return routes.some(
    (route) =>
      (route.path !== undefined && route.path !== '' && route.path.includes('?')) ||
      (route.children !== undefined && hasOptionalSegments(route.children)),
  );
}

function flatten(
  routes: RouteLike[],
  branches: Branch[] = [],
  parentsMeta: Meta[] = [],
  parentPath = '',
): Branch[] {
  routes.forEach((route, index) => {
    let relativePath = route.path || '';
    if (relativePath.startsWith('/')) {
      if (!relativePath.startsWith(parentPath))
        throw new Error(`Absolute route path "${relativePath}" nested under path "${parentPath}"`);
      relativePath = relativePath.slice(parentPath.length);
    }
    const caseSensitive = route.caseSensitive === true;
    const path = joinPaths([parentPath, relativePath]);
    const meta: Meta = {
      relativePath,
      caseSensitive,
      childrenIndex: index,
      compiled: compilePath(relativePath, caseSensitive, false),
    };
    const routesMeta = parentsMeta.concat(meta);
    if (route.children && route.children.length > 0) {
      if (route.index === true) throw new Error('Index routes must not have child routes.');
      flatten(route.children, branches, routesMeta, path);
    }
    if (route.path == null && !route.index) return;
    // The branch's last route matches to the end of the path; as a parent it need not.
    const last: Meta = { ...meta, compiled: compilePath(relativePath, caseSensitive, true) };
    branches.push({
      path,
      score: computeScore(path, route.index),
      routesMeta: [...parentsMeta, last],
    });
  });
  return branches;
}

function rank(branches: Branch[]): Branch[] {
  return branches.sort((a, b) =>
    a.score !== b.score
      ? b.score - a.score
      : compareIndexes(
          a.routesMeta.map((meta) => meta.childrenIndex),
          b.routesMeta.map((meta) => meta.childrenIndex),
        ),
  );
}

const paramRe = /^:[\w-]+$/;
const isSplat = (segment: string) => segment === '*';

function computeScore(path: string, index: boolean | undefined): number {
  const segments = path.split('/');
  let score = segments.length;
  if (segments.some(isSplat)) score += -2;
  if (index) score += 2;
  return segments
    .filter((segment) => !isSplat(segment))
    .reduce(
      (total, segment) => total + (paramRe.test(segment) ? 3 : segment === '' ? 1 : 10),
      score,
    );
}

function compareIndexes(a: number[], b: number[]): number {
  const siblings = a.length === b.length && a.slice(0, -1).every((n, i) => n === b[i]);
  return siblings ? a[a.length - 1]! - b[b.length - 1]! : 0;
}

function matchBranch(
  routes: RouteLike[],
  branch: Branch,
  pathname: string,
): RouteMatchLike<RouteLike>[] | null {
  const { routesMeta } = branch;
  const matchedParams: Record<string, string | undefined> = {};
  let matchedPathname = '/';
  const matches: RouteMatchLike<RouteLike>[] = [];
  let siblings: RouteLike[] | undefined = routes;
  for (const meta of routesMeta) {
    // This call's own route objects, found where the prepared table had them.
    const route: RouteLike = siblings![meta.childrenIndex]!;
    siblings = route.children;
    const remainingPathname =
      matchedPathname === '/' ? pathname : pathname.slice(matchedPathname.length) || '/';
    const match = matchCompiled(meta.compiled, remainingPathname);
    if (!match) return null;
    Object.assign(matchedParams, match.params);
    matches.push({
      params: matchedParams,
      pathname: joinPaths([matchedPathname, match.pathname]),
      pathnameBase: normalizePathname(joinPaths([matchedPathname, match.pathnameBase])),
      route,
    });
    if (match.pathnameBase !== '/')
      matchedPathname = joinPaths([matchedPathname, match.pathnameBase]);
  }
  return matches;
}

function matchCompiled({ matcher, params }: Compiled, pathname: string) {
  const match = pathname.match(matcher);
  if (!match) return null;
  const matchedPathname = match[0];
  let pathnameBase = matchedPathname.replace(/(.)\/+$/, '$1');
  const captureGroups = match.slice(1);
  const values: Record<string, string | undefined> = {};
  params.forEach(({ paramName, isOptional }, index) => {
    if (paramName === '*') {
      const splatValue = captureGroups[index] || '';
      pathnameBase = matchedPathname
        .slice(0, matchedPathname.length - splatValue.length)
        .replace(/(.)\/+$/, '$1');
    }
    const value = captureGroups[index];
    values[paramName] = isOptional && !value ? undefined : (value || '').replace(/%2F/g, '/');
  });
  return { params: values, pathname: matchedPathname, pathnameBase };
}

function compilePath(path: string, caseSensitive: boolean, end: boolean): Compiled {
  const params: Compiled['params'] = [];
  let source =
    '^' +
    path
      .replace(/\/*\*?$/, '')
      .replace(/^\/*/, '/')
      .replace(/[\\.*+^${}|()[\]]/g, '\\$&')
      .replace(/\/:([\w-]+)(\?)?/g, (_, paramName: string, isOptional?: string) => {
        params.push({ paramName, isOptional: isOptional != null });
        return isOptional ? '/?([^\\/]+)?' : '/([^\\/]+)';
      });
  if (path.endsWith('*')) {
    params.push({ paramName: '*' });
    source += path === '*' || path === '/*' ? '(.*)$' : '(?:\\/(.+)|\\/*)$';
  } else if (end) {
    source += '\\/*$';
  } else if (path !== '' && path !== '/') {
    source += '(?:(?=\\/|$))';
  }
  return { matcher: new RegExp(source, caseSensitive ? undefined : 'i'), params };
}

function pathOf(location: string): string | undefined {
  let path = location;
  const hash = path.indexOf('#');
  if (hash >= 0) path = path.slice(0, hash);
  const search = path.indexOf('?');
  if (search >= 0) path = path.slice(0, search);
  return path || undefined;
}

function decodePath(value: string): string {
  try {
    return value
      .split('/')
      .map((segment) => decodeURIComponent(segment).replace(/\//g, '%2F'))
      .join('/');
  } catch {
    return value;
  }
}

function stripBasename(pathname: string, basename: string): string | null {
  if (basename === '/') return pathname;
  if (!pathname.toLowerCase().startsWith(basename.toLowerCase())) return null;
  const startIndex = basename.endsWith('/') ? basename.length - 1 : basename.length;
  const nextChar = pathname.charAt(startIndex);
  if (nextChar && nextChar !== '/') return null;
  return pathname.slice(startIndex) || '/';
}

const joinPaths = (paths: string[]) => paths.join('/').replace(/\/\/+/g, '/');
const normalizePathname = (pathname: string) => pathname.replace(/\/+$/, '').replace(/^\/*/, '/');
