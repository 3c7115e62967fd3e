// The app's handle on the reader's one environment (server/env.ts, shared with the HTTP server).
// The .server suffix keeps it, and process.env, out of the browser's bundles.
export { readerEnv as env, type ReaderEnv as WebEnv } from '../../server/env';
