// The app's handle on Studio's one environment (server/env.ts, shared with the HTTP server).
// The .server suffix keeps it, and process.env, out of the browser's bundles.
export { parseStudioEnv as parseEnv, studioEnv as env, type StudioEnv } from '../../server/env';
