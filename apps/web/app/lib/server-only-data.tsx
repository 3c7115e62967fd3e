import { createContext, useContext } from 'react';

/**
 * Data a page renders on the server but never sends for hydration: the article body. Remix
 * puts loader data in the page twice (rendered as HTML, and again as JSON the client hydrates
 * from), and the body is most of an article page's bytes and most of its server work
 * (serialised to JSON by the loader, parsed back by Remix, serialised again into the page).
 * A loader answering a document request hands such data to entry.server through the request's
 * load context (like lib/form-echo); the client keeps the server's HTML (KeptServerHtml). A
 * client-side navigation fetches loader data as JSON and gets everything in it, since there
 * is no server HTML to keep then.
 */
export type ServerOnlyData = Record<string, unknown>;

const ServerOnlyDataContext = createContext<ServerOnlyData>({});

export const ServerOnlyDataProvider = ServerOnlyDataContext.Provider;

/** The value a loader kept out of the page's data under `key`; undefined in the browser. */
export function useServerOnlyData<T>(key: string): T | undefined {
  return useContext(ServerOnlyDataContext)[key] as T | undefined;
}
