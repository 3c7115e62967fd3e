import { graphql, GraphQLObjectType, GraphQLSchema, type GraphQLScalarType } from 'graphql';
import { GraphQLDateTime as ScalarsDateTime } from 'graphql-scalars';
import { GraphQLDateTime, isoText } from './date-time.scalar.js';

// The answer's bytes are what graphql-scalars' DateTime gives; only the moment they become
// text moves.

const schemaOf = (scalar: GraphQLScalarType, ...names: string[]) =>
  new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: Object.fromEntries(names.map((name) => [name, { type: scalar }])),
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
    const fields = ['date', 'text', 'number', 'none'];
    const before = await graphql({
      schema: schemaOf(ScalarsDateTime, ...fields),
      source,
      rootValue,
    });
    expect(before.data!.date).toBeInstanceOf(Date);
    expect(JSON.stringify(before)).toBe(
      '{"data":{"date":"2026-11-27T09:15:08.485Z","text":"2026-11-27T09:15:08.485Z","number":"2026-11-27T09:15:08.485Z","none":null}}',
    );
    const after = await graphql({
      schema: schemaOf(GraphQLDateTime, ...fields),
      source,
      rootValue,
    });
    expect(after.data!.date).toBe('2026-11-27T09:15:08.485Z');
    expect(JSON.stringify(after)).toBe(JSON.stringify(before));
  });

  it('still refuses what graphql-scalars refuses, and reads arguments as it does', async () => {
    const result = await graphql({
      schema: schemaOf(GraphQLDateTime, 'bad'),
      source: '{ bad }',
      rootValue: { bad: new Date(NaN) },
    });
    expect(result.errors?.[0]?.message).toMatch(/DateTime cannot represent an invalid Date/);
    expect(GraphQLDateTime.name).toBe(ScalarsDateTime.name);
    expect(GraphQLDateTime.parseValue('2026-11-27T10:15:08.485+01:00')).toEqual(
      ScalarsDateTime.parseValue('2026-11-27T10:15:08.485+01:00'),
    );
    expect(() => GraphQLDateTime.parseValue('not a date')).toThrow();
  });

  it("leaves graphql-scalars' own instance answering Dates", async () => {
    const result = await graphql({
      schema: schemaOf(ScalarsDateTime, 'date'),
      source: '{ date }',
      rootValue: { date: when },
    });
    expect(result.data!.date).toBeInstanceOf(Date);
  });
});

describe('isoText', () => {
  it('writes what toISOString writes, for any time', () => {
    // seeded, so a failure can be replayed
    let seed = 15;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const span = 8.64e15; // the whole range a Date can hold, either side of 1970
    const times = [
      0,
      -1,
      Date.UTC(1000, 0, 1),
      Date.UTC(1000, 0, 1) - 1,
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
      Date.UTC(10000, 0, 1),
      Date.UTC(2000, 1, 29, 12, 0, 0, 7),
      Date.UTC(2100, 1, 28, 23, 59, 59, 99),
      span,
      -span,
      ...Array.from({ length: 20_000 }, () => Math.round(-6e13 + random() * 3e14)),
      ...Array.from({ length: 2_000 }, () => Math.round((random() * 2 - 1) * span)),
    ];
    const differing = times
      .map((time) => new Date(time))
      .filter((date) => isoText(date) !== date.toISOString())
      .map((date) => date.toISOString());
    expect(differing).toEqual([]);
  });
});
