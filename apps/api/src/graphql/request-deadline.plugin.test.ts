import { ApolloServer } from '@apollo/server';
import { buildSchema as buildSdlSchema, type GraphQLObjectType } from 'graphql';
import { requestDeadlinePlugin, startsNoWork } from './request-deadline.plugin.js';

// Time is a number the test moves: each resolver "takes" 400 ms of it.

describe('the request deadline', () => {
  let now = 0;
  const ran: string[] = [];
  const slow = (name: string) => () => {
    ran.push(name);
    now += 400;
    return name;
  };
  const schema = buildSdlSchema('type Query { a: String b: String c: String d: String }');
  const rootValue = { a: slow('a'), b: slow('b'), c: slow('c'), d: slow('d') };

  async function run(deadlineMs: number) {
    now = 0;
    ran.length = 0;
    const server = new ApolloServer({
      schema,
      rootValue,
      plugins: [requestDeadlinePlugin(deadlineMs, () => now)],
    });
    await server.start();
    try {
      const response = await server.executeOperation({ query: '{ a b c d }' });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return response.body.singleResult;
    } finally {
      await server.stop();
    }
  }

  it('stops resolving fields once it has passed, with a clear error, and keeps what was done', async () => {
    const result = await run(1_000);
    // a, b and c start before 1,000 ms; by d, 1,200 ms have gone.
    expect(ran).toEqual(['a', 'b', 'c']);
    expect(result.data).toEqual({ a: 'a', b: 'b', c: 'c', d: null });
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]).toMatchObject({
      path: ['d'],
      message: expect.stringMatching(/ran past its 1 s deadline/),
      extensions: { code: 'REQUEST_TIMEOUT' },
    });
  });

  it('leaves a request within its deadline alone', async () => {
    const result = await run(10_000);
    expect(ran).toEqual(['a', 'b', 'c', 'd']);
    expect(result.errors).toBeUndefined();
  });

  it('stops fields inside lists too, on every server sharing the schema', async () => {
    // Two servers over one schema object: the fields are guarded once, each request by its
    // own server's deadline and clock.
    const nested = buildSdlSchema('type Query { items: [Item!] } type Item { name: String }');
    let clock = 0;
    const names: string[] = [];
    const rootValue = {
      items: () =>
        ['x', 'y', 'z'].map((name) => ({
          name: () => {
            names.push(name);
            clock += 400;
            return name;
          },
        })),
    };
    for (const deadlineMs of [500, 10_000]) {
      clock = 0;
      names.length = 0;
      const server = new ApolloServer({
        schema: nested,
        rootValue,
        plugins: [requestDeadlinePlugin(deadlineMs, () => clock)],
      });
      await server.start();
      try {
        const response = await server.executeOperation({ query: '{ items { name } }' });
        if (response.body.kind !== 'single') throw new Error('expected a single result');
        const { data, errors } = response.body.singleResult;
        if (deadlineMs === 500) {
          expect(names).toEqual(['x', 'y']);
          expect(data).toEqual({ items: [{ name: 'x' }, { name: 'y' }, { name: null }] });
          expect(errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
            [['items', 2, 'name'], 'REQUEST_TIMEOUT'],
          ]);
        } else {
          expect(names).toEqual(['x', 'y', 'z']);
          expect(errors).toBeUndefined();
        }
      } finally {
        await server.stop();
      }
    }
  });

  it('reads the clock only for fields that can start work, not for plain properties', async () => {
    // 50 items of plain properties, a field whose resolver is declared to start no work, and
    // one with a resolver of its own (as a loader-backed field): only the last is checked.
    const schema = buildSdlSchema(
      'type Query { items: [Item!] } type Item { name: String shown: String loaded: String }',
    );
    const item = schema.getType('Item') as GraphQLObjectType;
    item.getFields().shown!.resolve = startsNoWork((source: { name: string }) => source.name);
    item.getFields().loaded!.resolve = (source: { name: string }) => `${source.name}!`;
    const items = Array.from({ length: 50 }, (_, i) => ({ name: `n${i}` }));
    let reads = 0;
    const server = new ApolloServer({
      schema,
      rootValue: { items },
      plugins: [requestDeadlinePlugin(10_000, () => ++reads)],
    });
    await server.start();
    try {
      const ask = async (query: string) => {
        reads = 0;
        const response = await server.executeOperation({ query });
        if (response.body.kind !== 'single') throw new Error('expected a single result');
        expect(response.body.singleResult.errors).toBeUndefined();
        return reads;
      };
      // one read when the request starts; none per item
      expect(await ask('{ items { name shown } }')).toBe(1);
      expect(await ask('{ items { name loaded } }')).toBe(1 + 50);
    } finally {
      await server.stop();
    }
  });
});
