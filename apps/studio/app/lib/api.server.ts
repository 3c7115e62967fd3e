import {
  ErrorCode,
  FORWARDED_ADDRESS_HEADER,
  FORWARDING_SECRET_HEADER,
  REQUEST_ID_HEADER,
} from '@folio/contract';
import { Pool } from 'undici';
import { env } from './env.server';

// One pool of keep-alive connections to the API (undici), shared by every loader and action;
// the global fetch costs about 1.7x per request.

export interface GraphQLErrorShape {
  message: string;
  path?: string[];
  extensions?: { code?: string; [key: string]: unknown };
}

/** The API could not be reached or answered with a server error: pages answer 503. */
export class ApiUnavailableError extends Error {
  override name = 'ApiUnavailableError';
}

/** The API refused the operation: the first error's code says why. */
export class ApiRequestError extends Error {
  override name = 'ApiRequestError';
  constructor(readonly errors: GraphQLErrorShape[]) {
    super(errors.map((error) => error.message).join('; '));
  }

  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }

  get extensions(): Record<string, unknown> {
    return this.errors[0]?.extensions ?? {};
  }
}

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
}

export interface ApiClient {
  request<TData, TVariables extends Record<string, unknown> = Record<string, never>>(
    document: string,
    variables?: TVariables,
    options?: RequestOptions,
  ): Promise<TData>;
}

export function createApiClient(apiUrl: string, forwardingSecret?: string): ApiClient {
  const url = new URL(apiUrl);
  const pool = new Pool(url.origin, { connections: 16, pipelining: 1, keepAliveTimeout: 30_000 });
  return {
    async request(document, variables, options = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (options.requestId) headers[REQUEST_ID_HEADER] = options.requestId;
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      if (options.client?.userAgent)
        headers['x-folio-user-agent'] = options.client.userAgent.slice(0, 300);
      // The API counts sign-in attempts per address; it trusts ours only with the shared secret.
      if (forwardingSecret && options.client?.address) {
        headers[FORWARDED_ADDRESS_HEADER] = options.client.address;
        headers[FORWARDING_SECRET_HEADER] = forwardingSecret;
      }
      let status: number;
      let payload: { data?: unknown; errors?: GraphQLErrorShape[] };
      try {
        const response = await pool.request({
          path: url.pathname,
          method: 'POST',
          headers,
          body: JSON.stringify({ query: document, variables: variables ?? {} }),
          signal: options.signal,
          headersTimeout: 15_000,
          bodyTimeout: 15_000,
        });
        status = response.statusCode;
        payload = (await response.body.json()) as typeof payload;
      } catch (error) {
        throw new ApiUnavailableError(`API unreachable: ${(error as Error).message}`);
      }
      if (
        status >= 500 ||
        payload.errors?.some((e) => e.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR)
      ) {
        throw new ApiUnavailableError(`API answered ${status}`);
      }
      if (payload.errors?.length) throw new ApiRequestError(payload.errors);
      return payload.data as never;
    },
  };
}

let shared: ApiClient | undefined;

/** The process-wide client, built from the environment on first use. */
export function apiClient(): ApiClient {
  shared ??= createApiClient(env().FOLIO_API_URL, env().FORWARDED_ADDRESS_SECRET);
  return shared;
}
