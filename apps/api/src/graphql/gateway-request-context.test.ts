import { ApolloServer, HeaderMap, type BaseContext } from '@apollo/server';
import { buildSchema, execute, type GraphQLSchema } from 'graphql';
import { setFlagsFromString } from 'node:v8';
import { getHeapSpaceStatistics } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { compiledExecutionGateway } from './compiled-executor.js';
import type { GatewayRequestContext } from './gateway-request-context.js';

// What compiled execution's executor seam costs a request in memory: Apollo Server's gateway
// request context (makeGatewayGraphQLRequestContext) gave every executed request an object
// literal with a `status` getter and setter, whose accessor pair V8 allocates in the old
// generation; the request then survived every young collection until a full one, and the
// request path ended up allocated in the old generation for every request (README "Round
// seven: compiled execution's memory on cache hits").

function testSchema(): GraphQLSchema {
  const schema = buildSchema('type Query { ok: String, marker: Int }');
  const fields = (
    schema.getQueryType() as { getFields(): Record<string, { resolve?: unknown }> }
  ).getFields();
  fields.ok!.resolve = () => 'fine';
  // Something big that only this request's context holds (see the young-collection test).
  fields.marker!.resolve = (_source: unknown, _args: unknown, context: { marker?: unknown[] }) =>
    context.marker?.length ?? 0;
  return schema;
}

interface Seen {
  contexts: GatewayRequestContext[];
}

/** An Apollo Server on the compiled gateway, whose executor also records what Apollo gave it. */
function compiledServer(schema: GraphQLSchema, seen?: Seen): ApolloServer<BaseContext> {
  const gateway = compiledExecutionGateway(schema);
  const load = gateway.load.bind(gateway);
  gateway.load = async (options) => {
    const { executor } = await load(options);
    return {
      executor: (requestContext) => {
        seen?.contexts.push(requestContext);
        return executor!(requestContext);
      },
    };
  };
  return new ApolloServer<BaseContext>({ gateway, includeStacktraceInErrorResponses: false });
}

function post(query: string, headers: Record<string, string> = {}) {
  return {
    method: 'POST',
    headers: new HeaderMap(Object.entries({ 'content-type': 'application/json', ...headers })),
    search: '',
    body: { query },
  };
}

/** Own accessor properties in the context and the plain objects it is made of. */
function ownAccessors(context: GatewayRequestContext): string[] {
  const found: string[] = [];
  const parts: Record<string, object | undefined> = {
    context,
    request: context.request,
    'request.http': context.request.http,
    response: context.response,
    'response.http': context.response?.http,
  };
  for (const [name, part] of Object.entries(parts)) {
    if (!part) continue;
    for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(part)))
      if (descriptor.get || descriptor.set) found.push(`${name}.${key}`);
  }
  return found;
}

describe("compiled execution's request context", () => {
  const schema = testSchema();
  const seen: Seen = { contexts: [] };
  const server = compiledServer(schema, seen);
  // The same, keeping nothing of its requests.
  const unrecorded = compiledServer(schema);
  beforeAll(async () => {
    await server.start();
    await unrecorded.start();
  });
  afterAll(async () => {
    await server.stop();
    await unrecorded.stop();
  });

  it('makes no accessor per request: 20 requests share one status getter', async () => {
    for (let i = 0; i < 20; i++)
      await server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: post('{ ok }'),
        context: async () => ({}),
      });
    expect(seen.contexts).toHaveLength(20);
    for (const context of seen.contexts) expect(ownAccessors(context)).toEqual([]);
    const getters = new Set(
      seen.contexts.map(
        (context) =>
          Object.getOwnPropertyDescriptor(Object.getPrototypeOf(context.response!.http), 'status')
            ?.get,
      ),
    );
    expect(getters.size).toBe(1);
  });

  it("still reads and writes Apollo's request and response through it", async () => {
    // An executor that uses what a gateway may: the request's HTTP view, the response's
    // status and headers.
    const gateway = compiledExecutionGateway(schema);
    gateway.load = async () => ({
      executor: async (requestContext) => {
        const http = requestContext.response!.http!;
        expect(http.status).toBeUndefined();
        http.status = 203;
        http.headers.set('x-folio-seam', requestContext.request.http!.headers.get('x-asked') ?? '');
        http.headers.append('x-folio-seam', requestContext.request.http!.method);
        return execute({ schema, document: requestContext.document }) as never;
      },
    });
    const custom = new ApolloServer<BaseContext>({ gateway });
    await custom.start();
    try {
      const response = await custom.executeHTTPGraphQLRequest({
        httpGraphQLRequest: post('{ ok }', { 'x-asked': 'hello' }),
        context: async () => ({}),
      });
      expect(response.status).toBe(203);
      expect(response.headers.get('x-folio-seam')).toBe('hello, POST');
      expect(response.body.kind === 'complete' && JSON.parse(response.body.string)).toEqual({
        data: { ok: 'fine' },
      });
    } finally {
      await custom.stop();
    }
  });

  it("lets a young collection free a finished request's objects", async () => {
    // Promotion is what Apollo's own context cost: a finished request's objects outlived young
    // collections because an old-generation accessor pair pointed at them. Each request here
    // carries a context value of 8,000 small objects that nothing holds once its answer is
    // out, and starts on an empty young generation; two young collections then promote
    // whatever is still held. Measured against the same context value held on purpose, the
    // requests may leave behind a quarter of what they carried at most (with Apollo's own
    // context they left all of it). The value is kept well inside the smallest young
    // generation V8 starts with (1 MB a semi-space): with 25,000 objects, two collections
    // could run while a request was in flight and promote it, which failed about one run in
    // five under load.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as (options?: { type: 'minor' | 'major' }) => void;
    const contextValue = () => ({ marker: Array.from({ length: 8_000 }, (_, n) => ({ n })) });
    const promotedBy = async (work: () => Promise<unknown>) => {
      gc();
      const before = oldGenerationBytes();
      const kept = await work();
      await new Promise((resolve) => setImmediate(resolve));
      gc({ type: 'minor' });
      gc({ type: 'minor' });
      const promoted = oldGenerationBytes() - before;
      void kept;
      return promoted;
    };
    const ask = (context: () => object) => {
      gc({ type: 'minor' });
      return unrecorded.executeHTTPGraphQLRequest({
        httpGraphQLRequest: post('{ marker }'),
        context: async () => context(),
      });
    };
    await ask(contextValue); // compiled once, before measuring
    const oneHeld = await promotedBy(async () => {
      gc({ type: 'minor' });
      return contextValue();
    });
    const requests = 8;
    const asking = (context: () => object) => async () => {
      for (let i = 0; i < requests; i++) await ask(context);
    };
    // What the same requests leave without their context values: the pipeline's own share.
    const plain = await promotedBy(asking(() => ({})));
    const left = await promotedBy(asking(contextValue));
    expect(oneHeld).toBeGreaterThan(2 ** 17);
    expect(left - plain).toBeLessThan((requests * oneHeld) / 4);
  });
});

/** Bytes used outside the young generation. */
function oldGenerationBytes(): number {
  return getHeapSpaceStatistics()
    .filter((space) => !space.space_name.startsWith('new_'))
    .reduce((sum, space) => sum + space.space_used_size, 0);
}
