import {
  GraphQLID,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  type GraphQLField,
} from 'graphql';
import { findArgumentProblem } from './argument-rules.js';

const Input = new GraphQLInputObjectType({
  name: 'Input',
  fields: {
    details: { type: GraphQLString },
    tags: { type: new GraphQLList(new GraphQLNonNull(GraphQLString)) },
  },
});
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      probe: {
        type: GraphQLString,
        args: {
          tag: { type: GraphQLString },
          id: { type: GraphQLID },
          input: { type: Input },
        },
      },
    },
  }),
});
const field = schema.getQueryType()!.getFields().probe as GraphQLField<unknown, unknown>;
const check = (values: Record<string, unknown>) =>
  findArgumentProblem([{ coordinate: 'Query.probe', field, values }]);

describe('the rules every string argument obeys', () => {
  it('accepts ordinary text, multi-line text and absent values', () => {
    expect(check({ tag: 'harbours', input: { details: 'line one\n\tline two\r\n' } })).toBeNull();
    expect(check({ tag: null, input: { tags: ['a', 'b'] } })).toBeNull();
  });

  it('refuses control characters and unpaired surrogates, wherever they sit', () => {
    expect(check({ tag: 'a\u0000b' })).toMatchObject({ argumentName: 'tag' });
    expect(check({ input: { details: 'bell\u0007' } })).toMatchObject({
      argumentName: 'input.details',
      message: expect.stringMatching(/"details" must not contain NUL or other control/),
    });
    expect(check({ input: { tags: ['fine', 'esc\u001b'] } })).toMatchObject({
      argumentName: 'input.tags[1]',
    });
    expect(check({ input: { details: 'half \ud800 pair' } })).toMatchObject({
      message: expect.stringMatching(/unpaired surrogates/),
    });
  });

  it('bounds short keys by name, and every ID', () => {
    expect(check({ tag: 't'.repeat(64) })).toBeNull();
    expect(check({ tag: 't'.repeat(65) })).toMatchObject({
      message: '"tag" must be at most 64 characters; got 65.',
    });
    expect(check({ id: 'i'.repeat(101) })).toMatchObject({ argumentName: 'id' });
    // Details are bounded by their input type (2,000), not here.
    expect(check({ input: { details: 'd'.repeat(5000) } })).toBeNull();
  });
});
