import type { ServerBuild } from '@remix-run/node';

/**
 * A Remix server build for tests that run Remix's own request handler: the fixed parts of a
 * production build, with the routes, the browser's manifest of them and the server entry
 * given.
 */
export function testServerBuild({
  routes,
  manifest,
  entry,
}: {
  routes: Record<string, unknown>;
  manifest: Record<string, unknown>;
  entry: Record<string, unknown>;
}): ServerBuild {
  return {
    mode: 'production',
    basename: '/',
    publicPath: '/build/',
    assetsBuildDirectory: 'build/client',
    isSpaMode: false,
    future: {},
    assets: {
      entry: { module: '/entry.client.js', imports: [] },
      routes: manifest,
      url: '/manifest.js',
      version: '1',
    },
    entry: { module: entry },
    routes,
  } as unknown as ServerBuild;
}
