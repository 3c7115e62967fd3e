import type { AppLoadContext } from '@remix-run/node';
import { apiClient, type ApiClient } from './api.server';

/** What the express server (server.mjs) hands every loader and action. */
export interface ReaderRequestContext {
  clientAddress: string;
  requestId: string;
  /** Tests pass a stand-in; otherwise the process-wide keep-alive client is used. */
  api?: ApiClient;
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
