import { createGraphqlClient } from '@folio/server-kit/graphql-client';
import { env } from './env.server';

// Every loader and action calls the API through @folio/server-kit's keep-alive client (the
// reader's too): one pool of connections (undici), the forwarding headers, typed errors.

export {
  ApiRequestError,
  ApiUnavailableError,
  type GraphqlErrorShape as GraphQLErrorShape,
} from '@folio/server-kit/graphql-client';

export interface RequestOptions {
  /** The signed-in user's session token (or an API token), sent as a Bearer credential. */
  token?: string | null;
  requestId?: string;
  signal?: AbortSignal;
  /** The browser's address and User-Agent, for the API's sign-in limits and sessions list. */
  client?: ClientInfo;
}

export interface ClientInfo {
  address?: string;
  userAgent?: string | null;
  /** The page's request id (server/remix-handler.ts), so the API's log lines carry it. */
  requestId?: string;
}

export interface ApiClient {
  request<TData, TVariables extends Record<string, unknown> = Record<string, never>>(
    document: string,
    variables?: TVariables,
    options?: RequestOptions,
  ): Promise<TData>;
}

export function createApiClient(apiUrl: string, forwardingSecret?: string): ApiClient {
  // Saves and revision lists can take the API longer than a reader's page.
  const client = createGraphqlClient({
    url: apiUrl,
    forwardingSecret,
    connections: 16,
    timeoutMs: 15_000,
  });
  return {
    request: (document, variables, { client: browser, ...options } = {}) =>
      client.request(document, variables, {
        ...options,
        requestId: options.requestId ?? browser?.requestId,
        clientAddress: browser?.address,
        userAgent: browser?.userAgent,
      }),
  };
}

let shared: ApiClient | undefined;

/** The process-wide client, built from the environment on first use. */
export function apiClient(): ApiClient {
  shared ??= createApiClient(env().FOLIO_API_URL, env().FORWARDED_ADDRESS_SECRET);
  return shared;
}
