import { ApolloServer } from '@apollo/server';
import { type GraphQLObjectType } from 'graphql';
import { buildSchema, Field, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from './context.js';
import { requestDeadlinePlugin } from './request-deadline.plugin.js';

// Fields of a type-graphql class are left without a resolver (read as data, no guard) unless
// the class has a method or accessor of the field's name, which keeps the deadline guard and
// is still called as GraphQL's default resolver calls it.

let calls = 0;
/** The test's clock; the list's resolver moves it by as long as it "took". */
let now = 0;
let listTakesMs = 0;

@ObjectType('DataOnlyProbe', { simpleResolvers: true })
class Probe {
  @Field(() => String)
  name: string;

  @Field(() => String, { nullable: true })
  shout(): string {
    calls += 1;
    return `${this.name}!`;
  }

  @Field(() => String)
  get upper(): string {
    return this.name.toUpperCase();
  }
}

@Resolver()
class ProbeResolver {
  @Query(() => [Probe])
  probes(): Probe[] {
    now += listTakesMs;
    return ['a', 'b'].map((name) => Object.assign(new Probe(), { name }));
  }
}

describe('fields read as data', () => {
  let server: ApolloServer<Context>;
  let probe: GraphQLObjectType;

  beforeAll(async () => {
    const schema = await buildSchema({ resolvers: [ProbeResolver], validate: false });
    probe = schema.getType('DataOnlyProbe') as GraphQLObjectType;
    server = new ApolloServer<Context>({
      schema,
      plugins: [requestDeadlinePlugin(1_000, () => now)],
    });
    await server.start();
  });
  afterAll(async () => {
    await server.stop();
  });

  async function ask(query: string) {
    const response = await server.executeOperation({ query });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult;
  }

  it('leaves a plain property without a resolver, and guards methods and getters', () => {
    const fields = probe.getFields();
    expect(fields.name!.resolve).toBeUndefined();
    expect(fields.shout!.resolve).toEqual(expect.any(Function));
    expect(fields.upper!.resolve).toEqual(expect.any(Function));
  });

  it('still answers each kind of field as GraphQL does', async () => {
    now = 0;
    calls = 0;
    listTakesMs = 0;
    const result = await ask('{ probes { name shout upper } }');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      probes: [
        { name: 'a', shout: 'a!', upper: 'A' },
        { name: 'b', shout: 'b!', upper: 'B' },
      ],
    });
    expect(calls).toBe(2);
  });

  it('stops a method past the deadline, and still reads the data beside it', async () => {
    now = 0;
    calls = 0;
    // The list starts in time and takes 5 s: its items' methods are past the 1 s deadline.
    listTakesMs = 5_000;
    const result = await ask('{ probes { name shout } }');
    expect(calls).toBe(0);
    expect(result.data).toEqual({
      probes: [
        { name: 'a', shout: null },
        { name: 'b', shout: null },
      ],
    });
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual([
      'REQUEST_TIMEOUT',
      'REQUEST_TIMEOUT',
    ]);
  });
});
