import { fileURLToPath } from 'node:url';
import { vitePlugin as remix } from '@remix-run/dev';
import { defineConfig } from 'vite';

export default defineConfig({
  resolve: {
    alias: { '~': fileURLToPath(new URL('./app', import.meta.url)) },
  },
  plugins: [
    remix({
      // Tests sit beside the routes they test; they are not routes.
      ignoredRouteFiles: ['**/*.test.{ts,tsx}'],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        // Off: the reader has a dozen routes, so each page loads the whole manifest as one
        // fingerprinted, cacheable file instead of an inline partial one, and the server no
        // longer matches the route table twice more per page to build that (README "Benchmark").
        v3_lazyRouteDiscovery: false,
      },
    }),
  ],
  server: { port: 3000 },
});
