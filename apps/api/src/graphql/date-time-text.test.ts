import { graphql, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { serializeDateTimesAsText } from './date-time-text.js';

// The answer's bytes are what they were with Dates; only the moment they become text moves.
// (The scalar is graphql-scalars' shared instance, as in the API's schema: the first answer
// below is taken before it is switched, the second after.)

const schemaOf = (...names: string[]) =>
  new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: Object.fromEntries(names.map((name) => [name, { type: GraphQLDateTime }])),
    }),
  });

describe('DateTime values as text', () => {
  const when = new Date(Date.UTC(2026, 10, 27, 9, 15, 8, 485));
  const rootValue = {
    date: when,
    text: '2026-11-27T10:15:08.485+01:00',
    number: when.getTime(),
    none: null,
  };
  const source = '{ date text number none }';

  it('writes the same JSON as graphql-scalars does with Dates', async () => {
    const schema = schemaOf('date', 'text', 'number', 'none');
    const before = await graphql({ schema, source, rootValue });
    expect(before.data!.date).toBeInstanceOf(Date);
    expect(JSON.stringify(before)).toBe(
      '{"data":{"date":"2026-11-27T09:15:08.485Z","text":"2026-11-27T09:15:08.485Z","number":"2026-11-27T09:15:08.485Z","none":null}}',
    );
    serializeDateTimesAsText(schema);
    const after = await graphql({ schema, source, rootValue });
    expect(after.data!.date).toBe('2026-11-27T09:15:08.485Z');
    expect(JSON.stringify(after)).toBe(JSON.stringify(before));
  });

  it('still refuses what graphql-scalars refuses', async () => {
    const schema = schemaOf('bad');
    serializeDateTimesAsText(schema);
    const result = await graphql({ schema, source: '{ bad }', rootValue: { bad: new Date(NaN) } });
    expect(result.errors?.[0]?.message).toMatch(/DateTime cannot represent an invalid Date/);
  });
});
