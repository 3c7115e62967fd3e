import type { AppLoadContext } from '@remix-run/node';
import { apiClient, type ApiClient } from './api.server';
import type { FormEcho } from './form-echo';
import type { ServerOnlyData } from './server-only-data';

/** What the express server (server/main.ts) hands every loader and action. */
export interface ReaderRequestContext {
  clientAddress: string;
  requestId: string;
  /** Tests pass a stand-in; otherwise the process-wide keep-alive client is used. */
  api?: ApiClient;
  /** Set by an action that refused a form, for the page rendered after it (lib/form-echo). */
  formEcho?: FormEcho;
  /**
   * True when the server renders this request as a whole page (not a client's ?_data fetch),
   * so loaders may keep what only the HTML needs out of their data (lib/server-only-data).
   */
  documentRequest?: boolean;
  /** Filled by loaders of a document request, read by entry.server (lib/server-only-data). */
  serverOnly?: ServerOnlyData;
  /**
   * Set by entry.server: the page it rendered, which the express handler sends as it is. The
   * Response entry.server returns then has no body: a string body becomes a web stream that
   * the handler would read back into bytes, for every page.
   */
  renderedPage?: string;
}

declare module '@remix-run/node' {
  interface AppLoadContext {
    reader?: ReaderRequestContext;
  }
}

export interface ReaderContext extends ReaderRequestContext {
  api: ApiClient;
}

export function readerContext(context: AppLoadContext): ReaderContext {
  const reader = context.reader ?? { clientAddress: '127.0.0.1', requestId: randomId() };
  return { ...reader, api: reader.api ?? apiClient() };
}

function randomId(): string {
  return Math.random().toString(36).slice(2, 12);
}

/** Hands text to the page rendered after this action, outside its data (see lib/form-echo). */
export function echoToPage(context: AppLoadContext, echo: FormEcho): void {
  if (context.reader) context.reader.formEcho = echo;
}

/**
 * Keeps what `value()` makes out of the loader's data when the server renders the whole page,
 * and returns true; false (the caller puts its data in) for a client's data fetch, or with no
 * context, without calling `value`.
 */
export function keepOutOfPageData(
  context: AppLoadContext,
  key: string,
  value: () => unknown,
): boolean {
  const reader = context.reader;
  if (!reader?.documentRequest) return false;
  reader.serverOnly = { ...reader.serverOnly, [key]: value() };
  return true;
}
