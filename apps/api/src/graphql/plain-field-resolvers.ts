import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';

/** Plain graphql-js resolvers for some fields of one object type, by field name. */
export type PlainFieldResolvers<TSource, TContext> = Record<
  string,
  GraphQLFieldResolver<TSource, TContext>
>;

export interface PlainFieldsOf<TSource, TContext> {
  typeName: string;
  resolvers: PlainFieldResolvers<TSource, TContext>;
  /** Fields left to GraphQL's default resolver; any other field must have a resolver here or its own. */
  plain: readonly string[];
}

/**
 * Installs resolvers written as plain graphql-js functions on a built schema's fields, which
 * type-graphql declared as simple properties (`simpleResolvers`): a field costs one call, not
 * type-graphql's handler (container lookup, parameters built and sorted, middleware chain).
 *
 * Strict, because these resolvers usually exist to withhold something: a name that is not a
 * field, a field that already has a resolver, or a field of the type that ends up with neither
 * a resolver nor a place in `plain` stops the schema from being built.
 */
export function installPlainFieldResolvers<TSource, TContext>(
  schema: GraphQLSchema,
  { typeName, resolvers, plain }: PlainFieldsOf<TSource, TContext>,
): void {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) throw new Error(`${typeName} is not an object type of this schema`);
  const fields = type.getFields();
  for (const [name, resolve] of Object.entries(resolvers)) {
    const field = fields[name];
    if (!field) throw new Error(`${typeName}.${name} is not a field`);
    if (field.resolve) throw new Error(`${typeName}.${name} already has a resolver`);
    field.resolve = resolve as GraphQLFieldResolver<unknown, unknown>;
  }
  const bare = Object.values(fields).filter(
    (field) => !field.resolve && !plain.includes(field.name),
  );
  if (bare.length > 0)
    throw new Error(
      `${typeName}: ${bare.map((field) => field.name).join(', ')} would be read as plain properties; give each a resolver or list it as plain`,
    );
}
