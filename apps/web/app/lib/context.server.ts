import type { AppLoadContext } from '@remix-run/node';
import { apiClient, type ApiClient } from './api.server';
import type { FormEcho } from './form-echo';

/** What the express server (server/main.ts) hands every loader and action. */
export interface ReaderRequestContext {
  clientAddress: string;
  requestId: string;
  /** Tests pass a stand-in; otherwise the process-wide keep-alive client is used. */
  api?: ApiClient;
  /** Set by an action that refused a form, for the page rendered after it (lib/form-echo). */
  formEcho?: FormEcho;
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
