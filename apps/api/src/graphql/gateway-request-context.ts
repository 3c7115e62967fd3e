import type { ApolloServerOptionsWithGateway, BaseContext, HeaderMap } from '@apollo/server';
import type { GraphQLRequestContextExecutionDidStart } from '@apollo/server';
import path from 'node:path';

type Gateway = ApolloServerOptionsWithGateway<never>['gateway'];
type GatewayExecutor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;
/** What Apollo hands a gateway's executor for each operation it executes. */
export type GatewayRequestContext = Parameters<GatewayExecutor>[0];
type ApolloRequestContext = GraphQLRequestContextExecutionDidStart<BaseContext>;

/**
 * The request context Apollo Server builds for a gateway's executor, without the cost that came
 * with Apollo's own.
 *
 * Apollo builds it in `makeGatewayGraphQLRequestContext`
 * (@apollo/server/dist/cjs/utils/makeGatewayGraphQLRequestContext.js, 5.x), once per executed
 * operation, and gives `response.http` a `status` getter and setter in an object literal, two
 * closures over Apollo's request context. V8 stores a literal's accessors in an accessor pair,
 * and a pair of new closures needs a new pair for each object; V8 allocates accessor pairs in
 * the old generation (`Factory::NewAccessorPair`, `AllocationType::kOld`). So each executed
 * request left an old-generation object pointing at its young closures, and through them at the
 * whole request (its context value, variables, headers, parsed body, result), which every young
 * collection then had to keep and promote until the next full collection.
 *
 * That was the cost first measured on cache hits, which never reach the executor: with every
 * executed request's objects surviving young collections, V8's allocation-site pretenuring saw
 * the request-path object literals (the HTTP request Folio hands Apollo, Apollo's GraphQL request
 * and request context) survive and allocated them in the old generation from then on, for
 * every request, cache hits included. Each hit then pinned its own parsed cached answer in turn:
 * about 1.4 MB promoted per young collection against none, and the API's peak RSS 190 → 320 MB
 * on W1 cache hits (README "Round seven: compiled execution's memory on cache hits").
 *
 * This builds the same context with the same fields, and `response.http.status` as an accessor
 * of a class (one pair on the prototype, made once), still reading and writing the status of
 * Apollo's response. Apollo's pipeline calls the function through its module's exports at each
 * execution, so replacing that export is enough; `installLeanGatewayRequestContext` does it
 * once, and refuses to start if Apollo's module is no longer there to replace (an upgrade must
 * re-check this rather than bring the cost back silently).
 */
export function leanGatewayRequestContext(
  requestContext: ApolloRequestContext,
  server: { logger: GatewayRequestContext['logger']; cache: GatewayRequestContext['cache'] },
  internals: { includeStacktraceInErrorResponses?: boolean },
): GatewayRequestContext {
  const given = requestContext.request;
  const request: GatewayRequestContext['request'] = {};
  // As Apollo's: only the fields the request has.
  if ('query' in given) request.query = given.query;
  if ('operationName' in given) request.operationName = given.operationName;
  if ('variables' in given) request.variables = given.variables;
  if ('extensions' in given) request.extensions = given.extensions;
  if (given.http) {
    const search = given.http.search;
    const needQuestion = search !== '' && !search.startsWith('?');
    request.http = {
      method: given.http.method,
      url: `https://unknown-url.invalid/${needQuestion ? '?' : ''}${search}`,
      headers: new FetcherHeaders(given.http.headers),
    };
  }
  return {
    request,
    response: { http: new GatewayResponseHttp(requestContext) },
    logger: server.logger,
    schema: requestContext.schema,
    schemaHash:
      'schemaHash no longer exists since Apollo Server 4' as GatewayRequestContext['schemaHash'],
    context: requestContext.contextValue,
    cache: server.cache,
    queryHash: requestContext.queryHash,
    document: requestContext.document,
    source: requestContext.source,
    operationName: requestContext.operationName,
    operation: requestContext.operation,
    errors: requestContext.errors,
    metrics: requestContext.metrics,
    debug: internals.includeStacktraceInErrorResponses,
    overallCachePolicy: requestContext.overallCachePolicy,
    requestIsBatched: requestContext.requestIsBatched,
  };
}

/** The response's status and headers, read and written through to Apollo's response. */
class GatewayResponseHttp {
  readonly headers: FetcherHeaders;

  constructor(private readonly requestContext: ApolloRequestContext) {
    this.headers = new FetcherHeaders(requestContext.response.http.headers);
  }

  get status(): number | undefined {
    return this.requestContext.response.http.status;
  }

  set status(status: number | undefined) {
    this.requestContext.response.http.status = status;
  }
}

/** A Fetch-style Headers view of Apollo's HeaderMap (as Apollo's FetcherHeadersForHeaderMap). */
class FetcherHeaders {
  constructor(private readonly map: HeaderMap) {}

  append(name: string, value: string): void {
    const current = this.map.get(name);
    this.map.set(name, current === undefined ? value : `${current}, ${value}`);
  }

  delete(name: string): void {
    this.map.delete(name);
  }

  get(name: string): string | null {
    return this.map.get(name) ?? null;
  }

  has(name: string): boolean {
    return this.map.has(name);
  }

  set(name: string, value: string): void {
    this.map.set(name, value);
  }

  entries(): Iterator<[string, string]> {
    return this.map.entries();
  }

  keys(): Iterator<string> {
    return this.map.keys();
  }

  values(): Iterator<string> {
    return this.map.values();
  }

  [Symbol.iterator](): Iterator<[string, string]> {
    return this.map.entries();
  }
}

/** Apollo Server's module that builds the context, as its request pipeline requires it. */
const APOLLO_MODULE = 'utils/makeGatewayGraphQLRequestContext.js';

/**
 * Makes Apollo Server build gateway request contexts with `leanGatewayRequestContext`. Apollo's
 * request pipeline (dist/cjs/requestPipeline.js) calls
 * `makeGatewayGraphQLRequestContext_js_1.makeGatewayGraphQLRequestContext(...)`, reading the
 * export at each call, so the replaced export is what it calls. Idempotent.
 */
export function installLeanGatewayRequestContext(): void {
  // The package's own entry point (dist/cjs/index.js) locates its dist folder; the module is not
  // in the package's exports map, so it is required by path, which is the same module instance
  // the pipeline holds.
  const file = path.join(path.dirname(require.resolve('@apollo/server')), APOLLO_MODULE);
  let apolloModule: { makeGatewayGraphQLRequestContext?: unknown };
  try {
    // The module loader's own `require` (not createRequire), so that a test runner's module
    // registry hands back the instance its Apollo Server uses.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    apolloModule = require(file) as typeof apolloModule;
  } catch (error) {
    throw new Error(
      `Compiled execution: Apollo Server's ${APOLLO_MODULE} was not found (${(error as Error).message}); ` +
        'check graphql/gateway-request-context.ts against this Apollo Server version',
    );
  }
  const current = apolloModule.makeGatewayGraphQLRequestContext;
  if (current === leanGatewayRequestContext) return;
  if (typeof current !== 'function' || current.length !== 3) {
    throw new Error(
      `Compiled execution: Apollo Server's makeGatewayGraphQLRequestContext is not the function ` +
        'graphql/gateway-request-context.ts replaces; check it against this Apollo Server version',
    );
  }
  apolloModule.makeGatewayGraphQLRequestContext = leanGatewayRequestContext;
}
