import 'reflect-metadata';
import {
  lexicographicSortSchema,
  printSchema,
  specifiedDirectives,
  type GraphQLSchema,
} from 'graphql';
import {
  buildSchema,
  type AuthChecker,
  type ContainerType,
  type NonEmptyArray,
} from 'type-graphql';
import { cacheControlDirective } from './cache-control.js';
import { argumentValidator } from './validators.js';

// How this API turns resolvers into a schema. Which resolvers, and the services behind them,
// is the composition root's business (src/app-modules.ts): this folder names no module.

export interface SchemaParts<TContext extends object, TRole> {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql's own resolver type
  resolvers: NonEmptyArray<Function>;
  /** Hands type-graphql each resolver's instance. */
  container: ContainerType;
  authChecker: AuthChecker<TContext, TRole>;
}

/** An executable schema from the resolvers given, with our directives and input validation. */
export function buildGraphQLSchema<TContext extends object, TRole>({
  resolvers,
  container,
  authChecker,
}: SchemaParts<TContext, TRole>): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    container,
    authChecker,
    directives: [...specifiedDirectives, cacheControlDirective],
    // class-validator's decorators on every input, checked once per class (validators.ts).
    validateFn: argumentValidator(),
  });
}

/** A schema as committed in packages/schema: sorted, so diffs show real changes only. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
