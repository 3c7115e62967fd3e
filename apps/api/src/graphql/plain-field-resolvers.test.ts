import { buildSchema, graphql, type GraphQLObjectType } from 'graphql';
import { installPlainFieldResolvers } from './plain-field-resolvers.js';

// The installer guards withholding: it refuses to leave a field of the type readable as a raw
// property unless that field is named as plain.

const sdl = 'type Query { page: Page } type Page { title: String secret: String }';
const rootValue = { page: { title: 'T', secret: 'S' } };

describe('installPlainFieldResolvers', () => {
  it('answers through the resolvers it installs', async () => {
    const schema = buildSchema(sdl);
    installPlainFieldResolvers(schema, {
      typeName: 'Page',
      plain: ['title'],
      resolvers: { secret: () => null },
    });
    const result = await graphql({ schema, source: '{ page { title secret } }', rootValue });
    expect(result).toEqual({ data: { page: { title: 'T', secret: null } } });
  });

  it('refuses a field left with neither a resolver nor a place among the plain ones', () => {
    expect(() =>
      installPlainFieldResolvers(buildSchema(sdl), {
        typeName: 'Page',
        plain: ['title'],
        resolvers: {},
      }),
    ).toThrow(/Page: secret would be read as plain properties/);
  });

  it('refuses names that are not fields, and fields that already have a resolver', () => {
    expect(() =>
      installPlainFieldResolvers(buildSchema(sdl), {
        typeName: 'Page',
        plain: ['title', 'secret'],
        resolvers: { secrets: () => null },
      }),
    ).toThrow(/Page.secrets is not a field/);
    const schema = buildSchema(sdl);
    const page = schema.getType('Page') as GraphQLObjectType;
    page.getFields().secret!.resolve = () => 'own';
    expect(() =>
      installPlainFieldResolvers(schema, {
        typeName: 'Page',
        plain: ['title'],
        resolvers: { secret: () => null },
      }),
    ).toThrow(/Page.secret already has a resolver/);
  });
});
