import { isUnionType, type GraphQLSchema, type GraphQLTypeResolver } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

/**
 * type-graphql wraps a union's `resolveType` in an async function (so a user's function may
 * return a promise), which graphql-js awaits but graphql-jit cannot: its compiled code needs the
 * member's name at once. This gives each union the user's own function, called directly and
 * mapped to the member's name as type-graphql maps it (a class among the union's members, or a
 * name), answering synchronously when the user's function does. graphql-js accepts both, so
 * either executor picks the same member.
 */
export function makeUnionTypeResolversSynchronous(schema: GraphQLSchema): void {
  const storage = getMetadataStorage();
  const typeNames = new Map<unknown, string>(
    storage.objectTypes.map((objectType) => [objectType.target, objectType.name]),
  );
  for (const union of storage.unions) {
    const type = schema.getType(union.name);
    const resolveType = union.resolveType;
    if (!isUnionType(type) || !resolveType) continue;
    const members = new Set<unknown>(union.getClassTypes());
    const nameOf = (resolved: unknown): string | undefined => {
      if (!resolved) return undefined;
      if (typeof resolved === 'string') return resolved;
      return members.has(resolved) ? typeNames.get(resolved) : undefined;
    };
    const synchronous: GraphQLTypeResolver<unknown, unknown> = (value, context, info, abstract) => {
      const resolved: unknown = resolveType(value, context, info, abstract);
      return isThenable(resolved) ? Promise.resolve(resolved).then(nameOf) : nameOf(resolved);
    };
    type.resolveType = synchronous;
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}
