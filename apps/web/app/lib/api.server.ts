import { createGraphqlClient } from '@folio/server-kit/graphql-client';
import { env } from './env.server';

// One GraphQL POST per page over @folio/server-kit's keep-alive client (undici), rather than
// the global fetch, which costs about 1.7x per request between the reader and the API.

export {
  ApiRequestError,
  ApiUnavailableError,
  type GraphqlErrorShape as GraphQLErrorShape,
} from '@folio/server-kit/graphql-client';

export interface RequestOptions {
  /** The reader's address, forwarded (with the shared secret) for per-reader rate limits. */
  clientAddress?: string;
  requestId?: string;
  signal?: AbortSignal;
}

/** What loaders and actions call the API with (tests hand them their own). */
export interface ApiClient {
  request<TData, TVariables extends Record<string, unknown> = Record<string, never>>(
    document: string,
    variables?: TVariables,
    options?: RequestOptions,
  ): Promise<TData>;
}

export function createApiClient(apiUrl: string, forwardingSecret?: string): ApiClient {
  // Many readers at once: a wider pool than Studio's.
  return createGraphqlClient({ url: apiUrl, forwardingSecret, connections: 64, timeoutMs: 10_000 });
}

let shared: ApiClient | undefined;

/** The process-wide client, built from the environment on first use. */
export function apiClient(): ApiClient {
  shared ??= createApiClient(env().FOLIO_API_URL, env().FORWARDED_ADDRESS_SECRET);
  return shared;
}
