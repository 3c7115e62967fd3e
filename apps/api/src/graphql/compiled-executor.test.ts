import { ApolloServer } from '@apollo/server';
import {
  buildSchema,
  GraphQLError,
  GraphQLScalarType,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import pino from 'pino';
import { formatApiError } from '../errors/format-api-error.js';
import { compiledExecutionGateway, compiledExecutionStats } from './compiled-executor.js';
import type { Context } from './context.js';
import { requestDeadlinePlugin } from './request-deadline.plugin.js';

// The edges the apps' operations rarely reach, on a small schema: errors a resolver did not
// mean (masked), non-null violations and how far they null the answer, scalars that refuse a
// value, abstract types, invalid variables. Each operation goes to two Apollo servers over the
// same schema, one on graphql-js and one compiled, which must give the same answer.

function testSchema(): GraphQLSchema {
  const schema = buildSchema(`
    scalar Instant
    type A { a: String! }
    type B { b: Int }
    union Thing = A | B
    union LateThing = A | B
    type Item { name: String! note: String }
    type Query {
      ok: String
      broken: String
      brokenLater: String
      coded: String
      missing: String!
      items: [Item!]
      softItems: [Item]
      things: [Thing!]!
      lateThings: [LateThing!]!
      when: Instant
      badWhen: Instant
      big: Int
      echo(n: Int!, s: String = "default"): String
    }
  `);
  const instant = schema.getType('Instant') as GraphQLScalarType;
  instant.serialize = (value) => {
    if (!(value instanceof Date)) throw new TypeError('Instant cannot represent a non-date.');
    return value.toISOString();
  };
  const resolvers: Record<string, Record<string, GraphQLFieldResolver<any, any>>> = {
    Query: {
      ok: () => 'fine',
      broken: () => {
        throw new Error('connection terminated: SELECT secret FROM tokens');
      },
      brokenLater: async () => {
        throw new Error('timeout in pool');
      },
      coded: () => {
        throw new GraphQLError('Needs the editor role.', { extensions: { code: 'FORBIDDEN' } });
      },
      missing: () => null,
      items: () => [{ name: 'x' }, { name: null }, { name: 'z' }],
      softItems: async () => [{ name: 'x', note: 'n' }, { name: null }],
      things: () => [
        { kind: 'A', a: 'an a' },
        { kind: 'B', b: 2 },
      ],
      lateThings: () => [{ kind: 'B', b: 3 }],
      when: () => new Date(Date.UTC(2026, 10, 27, 6, 0, 0)),
      badWhen: () => 'yesterday',
      big: () => 2 ** 40,
      echo: (_source, { n, s }) => `${n}:${s}`,
    },
  };
  for (const [typeName, fields] of Object.entries(resolvers)) {
    const type = schema.getType(typeName) as { getFields(): Record<string, { resolve?: unknown }> };
    for (const [field, resolve] of Object.entries(fields))
      type.getFields()[field]!.resolve = resolve;
  }
  const thing = schema.getType('Thing') as { resolveType?: unknown };
  thing.resolveType = (value: { kind: string }) => value.kind;
  const lateThing = schema.getType('LateThing') as { resolveType?: unknown };
  lateThing.resolveType = async (value: { kind: string }) => value.kind;
  return schema;
}

const schema = testSchema();
const options = {
  formatError: formatApiError(pino({ level: 'silent' })),
  includeStacktraceInErrorResponses: false,
  plugins: [requestDeadlinePlugin(60_000)],
};
const interpreted = new ApolloServer<Context>({ schema, ...options });
const compiled = new ApolloServer<Context>({
  gateway: compiledExecutionGateway(schema),
  ...options,
});

beforeAll(async () => {
  await interpreted.start();
  await compiled.start();
});
afterAll(async () => {
  await interpreted.stop();
  await compiled.stop();
});

async function answer(
  server: ApolloServer<Context>,
  query: string,
  variables?: Record<string, unknown>,
) {
  // The resolvers here read nothing from the context; the deadline keeps its own on it.
  const contextValue = {} as Context;
  const response = await server.executeOperation({ query, variables }, { contextValue });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return { status: response.http.status ?? 200, body: JSON.stringify(response.body.singleResult) };
}

async function same(query: string, variables?: Record<string, unknown>) {
  const expected = await answer(interpreted, query, variables);
  const before = { ...compiledExecutionStats };
  const actual = await answer(compiled, query, variables);
  expect(actual).toEqual(expected);
  return {
    body: JSON.parse(expected.body),
    status: expected.status,
    compiledRuns: compiledExecutionStats.compiledRuns - before.compiledRuns,
    graphqlJsRuns: compiledExecutionStats.graphqlJsRuns - before.graphqlJsRuns,
  };
}

describe('the compiled executor against graphql-js', () => {
  it('masks errors a resolver did not mean, keeping their path, and keeps coded ones', async () => {
    const { body, compiledRuns } = await same('{ ok broken brokenLater coded }');
    expect(compiledRuns).toBe(1);
    expect(body.data).toEqual({ ok: 'fine', broken: null, brokenLater: null, coded: null });
    expect(body.errors).toEqual([
      expect.objectContaining({ message: 'Internal server error', path: ['broken'] }),
      expect.objectContaining({ message: 'Needs the editor role.', path: ['coded'] }),
      expect.objectContaining({ message: 'Internal server error', path: ['brokenLater'] }),
    ]);
  });

  it('propagates nulls from non-null fields as far as graphql-js does', async () => {
    const root = await same('{ ok missing }');
    expect(root.body.data).toBeNull();
    expect(root.body.errors[0].message).toBe('Internal server error');
    const list = await same('{ ok items { name } softItems { name note } }');
    expect(list.body.data).toEqual({
      ok: 'fine',
      items: null,
      softItems: [{ name: 'x', note: 'n' }, null],
    });
    expect(list.compiledRuns).toBe(1);
  });

  it('serialises scalars the same way, refusals included', async () => {
    const { body } = await same('{ when badWhen big }');
    expect(body.data).toEqual({ when: '2026-11-27T06:00:00.000Z', badWhen: null, big: null });
    expect(body.errors).toHaveLength(2);
  });

  it('resolves union members, and leaves async type resolvers to graphql-js', async () => {
    const sync = await same('{ things { __typename ... on A { a } ... on B { b } } }');
    expect(sync.body.data.things).toEqual([
      { __typename: 'A', a: 'an a' },
      { __typename: 'B', b: 2 },
    ]);
    expect(sync.compiledRuns).toBe(1);
    const late = await same('{ lateThings { __typename ... on B { b } } }');
    expect(late.body.data.lateThings).toEqual([{ __typename: 'B', b: 3 }]);
    expect(late.graphqlJsRuns).toBe(1);
  });

  it('uses defaults and refuses invalid variables with graphql-js words and a 400', async () => {
    const query = 'query ($n: Int!, $s: String) { echo(n: $n, s: $s) }';
    const ok = await same(query, { n: 3 });
    // An unset variable leaves the argument's default in place.
    expect(ok.body.data).toEqual({ echo: '3:default' });
    const given = await same(query, { n: 3, s: null });
    expect(given.body.data).toEqual({ echo: '3:null' });
    const defaulted = await same('query ($n: Int!) { echo(n: $n) }', { n: 4 });
    expect(defaulted.body.data).toEqual({ echo: '4:default' });
    const bad = await same(query, { n: 'three' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(bad.graphqlJsRuns).toBe(1);
    const missing = await same(query, {});
    expect(missing.status).toBe(400);
  });

  it('compiles each operation once and runs it again from the cache', async () => {
    const before = compiledExecutionStats.compiled;
    const query = '{ ok things { __typename } }';
    await same(query);
    await same(query);
    await same(query);
    expect(compiledExecutionStats.compiled).toBe(before + 1);
  });
});
