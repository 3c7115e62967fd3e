import type { GraphQLObjectType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

/**
 * Whether GraphQL's default resolver can only ever read a plain value at this field: the type
 * is a type-graphql class, and neither that class (its prototype chain, Object.prototype
 * included) has a method or an accessor of the field's name. Such a field needs no resolver and
 * no deadline guard: there is nothing to call, so nothing to start. Leaving it without a
 * resolver lets graphql-jit's compiled code read it as a property (`source.title`) instead of
 * calling a function with a resolve-info object built for each value (graphql-js reads it with
 * its default resolver, as before the guard existed).
 *
 * A type built some other way (no class known), or whose class has a method or getter at that
 * name, answers false: its field keeps the guard, which calls a method as graphql-js would.
 */
export function readsDataOnly(type: GraphQLObjectType, fieldName: string): boolean {
  const target = classOf(type.name);
  if (!target) return false;
  for (let proto: object | null = target.prototype; proto; proto = Object.getPrototypeOf(proto)) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, fieldName);
    if (!descriptor) continue;
    if (descriptor.get || descriptor.set || typeof descriptor.value === 'function') return false;
  }
  return true;
}

/** The class type-graphql declared an object type with (the schema's name for it). */
function classOf(typeName: string): { prototype: object } | undefined {
  const objectType = getMetadataStorage().objectTypes.find((type) => type.name === typeName);
  return objectType?.target as { prototype: object } | undefined;
}
