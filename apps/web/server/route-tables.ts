// Each request handed to Remix with a build narrowed to the routes its path matches.
//
// Remix 2 matches the whole route table three times per page (its request handler, its static
// handler's query, React Router's <DataRoutes>), and each time flattens, ranks and compiles it
// again, and it rebuilds the route objects twice per render: about a tenth of the reader's CPU
// per page with a dozen routes (README "Round eight"). Which routes a path matches depends only
// on its shape (see shapeOf), so the full table is matched once per shape, with React Router's
// own matchRoutes, and the request goes to a handler over a build holding just those routes.
// Remix then matches and renders against two routes instead of twelve and finds the same
// matches, params and errors; anything this cannot vouch for gets the full table.
import { createRequestHandler, type ServerBuild } from '@remix-run/node';
import { matchRoutes } from '@remix-run/react';

type RemixHandler = ReturnType<typeof createRequestHandler>;
type ServerRoute = ServerBuild['routes'][string];
type RouteObject = Parameters<typeof matchRoutes>[0][number];

/** Shapes remembered at most, each of at most MAX_SEGMENTS segments (about 200 bytes). */
const MAX_SHAPES = 1_000;
/** A deeper path (no route is near it) gets the full table rather than a shape of its own. */
const MAX_SEGMENTS = 16;

/**
 * A route path this module can reason about: static segments of unreserved characters, and
 * `:param` segments. Optional (`?`) and splat (`*`) segments, case-sensitive routes and a
 * basename are not: then every request gets the full table.
 */
const STATIC_SEGMENT = /^[A-Za-z0-9._~-]+$/;
const PARAM_SEGMENT = /^:[\w-]+$/;

export interface RouteTables {
  /** The handler for a request to this URL (already normalised, as `new URL` gives it). */
  handlerFor(url: URL): RemixHandler;
  /** The ids of the routes in the table handed to Remix for this URL (for tests). */
  routeIdsFor(url: URL): readonly string[];
}

export function routeTables(build: ServerBuild, mode: string): RouteTables {
  const full = createRequestHandler(build, mode);
  const fullIds = Object.keys(build.routes);
  const statics = staticSegments(build);
  if (statics === null) {
    return { handlerFor: () => full, routeIdsFor: () => fullIds };
  }
  // A segment that is no static segment of any route: what stands for a parameter's value.
  let placeholder = 'x';
  while (statics.has(placeholder)) placeholder += 'x';
  const tree = routeTree(build);
  const byShape = new Map<string, { handle: RemixHandler; ids: readonly string[] }>();
  const byIds = new Map<string, { handle: RemixHandler; ids: readonly string[] }>();

  function tableFor(url: URL): { handle: RemixHandler; ids: readonly string[] } | null {
    const shape = shapeOf(url.pathname, statics!, placeholder);
    if (shape === null) return null;
    let table = byShape.get(shape);
    if (table) return table;
    if (byShape.size >= MAX_SHAPES) return null;
    // The root always: a path no route matches is answered by the root's error boundary.
    const matched = matchRoutes(tree, shape)?.map((match) => match.route.id!) ?? [];
    const ids = matched.length > 0 ? matched : [tree[0]!.id!];
    const key = ids.join('\n');
    table = byIds.get(key);
    if (!table) {
      table = { handle: createRequestHandler(narrowed(build, ids), mode), ids };
      byIds.set(key, table);
    }
    byShape.set(shape, table);
    return table;
  }

  return {
    handlerFor: (url) => tableFor(url)?.handle ?? full,
    routeIdsFor: (url) => tableFor(url)?.ids ?? fullIds,
  };
}

/**
 * What decides which routes a path matches, and nothing else: each segment as the static
 * segment it equals (routes match case-insensitively), empty, or any other value (as
 * `placeholder`). Null for a path with an escape (Remix decodes segments before matching) or
 * more than MAX_SEGMENTS segments: such a path gets the full table.
 */
export function shapeOf(
  pathname: string,
  statics: Set<string>,
  placeholder: string,
): string | null {
  if (pathname.includes('%')) return null;
  const segments = pathname.split('/');
  if (segments.length > MAX_SEGMENTS + 1) return null;
  for (let i = 1; i < segments.length; i++) {
    const segment = segments[i]!.toLowerCase();
    segments[i] = segment === '' || statics.has(segment) ? segment : placeholder;
  }
  return segments.join('/');
}

/** Every static segment of the table's paths (lower case), or null when a path is beyond shapeOf. */
function staticSegments(build: ServerBuild): Set<string> | null {
  if (build.basename && build.basename !== '/') return null;
  const statics = new Set<string>();
  for (const route of Object.values(build.routes)) {
    if (!route) continue;
    if (route.caseSensitive) return null;
    for (const segment of (route.path ?? '').split('/')) {
      if (segment === '' || PARAM_SEGMENT.test(segment)) continue;
      if (!STATIC_SEGMENT.test(segment)) return null;
      statics.add(segment.toLowerCase());
    }
  }
  return statics;
}

/** The build's routes as React Router route objects, nested as Remix nests them. */
function routeTree(build: ServerBuild): RouteObject[] {
  const childrenOf = new Map<string | undefined, ServerRoute[]>();
  for (const route of Object.values(build.routes)) {
    if (!route) continue;
    const siblings = childrenOf.get(route.parentId) ?? [];
    siblings.push(route);
    childrenOf.set(route.parentId, siblings);
  }
  const objects = (parentId: string | undefined): RouteObject[] =>
    (childrenOf.get(parentId) ?? []).map((route) => {
      const children = objects(route.id);
      return route.index
        ? { id: route.id, index: true, path: route.path }
        : { id: route.id, path: route.path, children };
    });
  return objects(undefined);
}

/** The build with only these routes, in the build's order, on the server and in its manifest. */
function narrowed(build: ServerBuild, ids: readonly string[]): ServerBuild {
  const keep = <T>(record: Record<string, T>): Record<string, T> =>
    Object.fromEntries(Object.entries(record).filter(([id]) => ids.includes(id)));
  return {
    ...build,
    routes: keep(build.routes),
    assets: { ...build.assets, routes: keep(build.assets.routes) },
  };
}
