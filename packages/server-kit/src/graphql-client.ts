import {
  ErrorCode,
  FORWARDED_ADDRESS_HEADER,
  FORWARDING_SECRET_HEADER,
  REQUEST_ID_HEADER,
  STAFF_USER_AGENT_HEADER,
} from '@folio/contract';
import { Agent } from 'undici';

// The one way Folio's web servers (the reader and Studio) call the API: a GraphQL POST over a
// pool of keep-alive connections (undici), since the global fetch costs about 1.7x per request
// between a Remix server and the API, with the API's forwarding headers and the caller's
// request id, and two errors a page can branch on.

export interface GraphqlErrorShape {
  message: string;
  path?: string[];
  extensions?: { code?: string; [key: string]: unknown };
}

/** The API could not be reached, or answered with a server error: pages answer 503. */
export class ApiUnavailableError extends Error {
  override name = 'ApiUnavailableError';
}

/** The API refused the operation: the first error's code says why. */
export class ApiRequestError extends Error {
  override name = 'ApiRequestError';
  constructor(readonly errors: GraphqlErrorShape[]) {
    super(errors.map((error) => error.message).join('; '));
  }

  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }

  get extensions(): Record<string, unknown> {
    return this.errors[0]?.extensions ?? {};
  }
}

export interface GraphqlClientOptions {
  /** The API's GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  /**
   * Shared with the API (FORWARDED_ADDRESS_SECRET): without it the client's address is not
   * forwarded, as the API would not count it.
   */
  forwardingSecret?: string;
  /** Open connections to the API at most. */
  connections?: number;
  /** Time for the API to send its headers, and then between two chunks of its body. */
  timeoutMs?: number;
  /** An idle connection is kept this long for the next request. */
  keepAliveTimeoutMs?: number;
}

export interface GraphqlRequestOptions {
  /** This request's id (see assignRequestId), so one page's log lines match the API's. */
  requestId?: string;
  /** A staff session token or an API token, sent as a Bearer credential. */
  token?: string | null;
  /** The browser's address, for the API's per-address limits (only with the forwarding secret). */
  clientAddress?: string;
  /** The browser's User-Agent, for a staff user's sessions list. */
  userAgent?: string | null;
  signal?: AbortSignal;
}

export interface GraphqlClient {
  request<TData, TVariables extends Record<string, unknown> = Record<string, never>>(
    document: string,
    variables?: TVariables,
    options?: GraphqlRequestOptions,
  ): Promise<TData>;
  /** Closes the pooled connections (at shutdown, or at the end of a test). */
  close(): Promise<void>;
}

/** A User-Agent longer than this is cut: the API stores it beside the session. */
const USER_AGENT_MAX_LENGTH = 300;

export function createGraphqlClient({
  url,
  forwardingSecret,
  connections = 16,
  timeoutMs = 10_000,
  keepAliveTimeoutMs = 30_000,
}: GraphqlClientOptions): GraphqlClient {
  const endpoint = new URL(url);
  const agent = new Agent({ connections, pipelining: 1, keepAliveTimeout: keepAliveTimeoutMs });

  function headersFor(options: GraphqlRequestOptions): Record<string, string> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.requestId) headers[REQUEST_ID_HEADER] = options.requestId;
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.userAgent)
      headers[STAFF_USER_AGENT_HEADER] = options.userAgent.slice(0, USER_AGENT_MAX_LENGTH);
    // The API trusts a forwarded address only beside the shared secret.
    if (forwardingSecret && options.clientAddress) {
      headers[FORWARDED_ADDRESS_HEADER] = options.clientAddress;
      headers[FORWARDING_SECRET_HEADER] = forwardingSecret;
    }
    return headers;
  }

  return {
    async request(document, variables, options = {}) {
      let status: number;
      let payload: { data?: unknown; errors?: GraphqlErrorShape[] };
      try {
        const response = await agent.request({
          origin: endpoint.origin,
          path: endpoint.pathname + endpoint.search,
          method: 'POST',
          headers: headersFor(options),
          body: JSON.stringify({ query: document, variables: variables ?? {} }),
          signal: options.signal,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        });
        status = response.statusCode;
        payload = (await response.body.json()) as typeof payload;
      } catch (error) {
        throw new ApiUnavailableError(`API unreachable: ${(error as Error).message}`, {
          cause: error,
        });
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
    close: () => agent.close(),
  };
}
