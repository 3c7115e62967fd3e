import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { Context } from './context.js';
import { readsDataOnly } from './data-only-fields.js';

/** A request's deadline, kept on its context value for the fields' guards. */
interface Deadline {
  at: number;
  ms: number;
  now: () => number;
}

const DEADLINE = Symbol('folio.requestDeadline');
const GUARDED = Symbol('folio.deadlineGuarded');

type WithDeadline = { [DEADLINE]?: Deadline };

/**
 * No request runs unbounded: once its deadline has passed, every field not yet started fails
 * with REQUEST_TIMEOUT instead of running (so no further SQL is sent), and the answer goes out
 * with what was done. A statement already running is bounded by PostgreSQL's statement_timeout.
 * `now` is injectable so tests control time instead of waiting for it.
 *
 * Each field's resolver is guarded once, when the server starts, by a check that reads the
 * deadline from the request's context. This used to be Apollo's `willResolveField` hook, which
 * makes Apollo wrap every field in its own instrumentation and call every plugin's hook, with an
 * object allocated per field: on a page of 20 articles that was most of the execution's overhead.
 *
 * Only a field that can start work reads the clock: one with its own resolver (unless that
 * resolver was declared `startsNoWork`), or one whose value on the source object is a method
 * (GraphQL's default resolver calls it). A field read as a plain property (an article's
 * title, a block's text: most fields of a page) has nothing left to start. A getter runs as a
 * property read, unguarded: a getter that starts work (a connection's totalCount) belongs on a
 * type whose fields have resolvers (not `simpleResolvers`). A field of a type-graphql class
 * with no method or accessor of its name gets no resolver at all (`readsDataOnly`): compiled
 * execution then reads it as a property, with no call per value.
 */
export function requestDeadlinePlugin(
  deadlineMs: number,
  now: () => number = () => performance.now(),
): ApolloServerPlugin<Context> {
  return {
    async serverWillStart({ schema }) {
      guardFields(schema);
    },
    async requestDidStart({ contextValue }) {
      const deadline: Deadline = { at: now() + deadlineMs, ms: deadlineMs, now };
      Object.defineProperty(contextValue, DEADLINE, { value: deadline });
    },
  };
}

type Resolver = GraphQLFieldResolver<unknown, WithDeadline | undefined>;

const workless = new WeakSet<Resolver>();

/**
 * Marks a resolver that only reads what its source already holds (no SQL, no loader), so the
 * deadline guard leaves it alone as it does plain properties.
 */
export function startsNoWork<T extends GraphQLFieldResolver<never, never>>(resolve: T): T {
  workless.add(resolve as unknown as Resolver);
  return resolve;
}

/** Guards the schema's object types' fields, once per schema object. */
function guardFields(schema: GraphQLSchema): void {
  if ((schema as { [GUARDED]?: true })[GUARDED]) return;
  Object.defineProperty(schema, GUARDED, { value: true });
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.resolve) {
        if (!readsDataOnly(type, field.name)) field.resolve = propertyGuarded;
      } else if (!workless.has(field.resolve as Resolver)) field.resolve = guarded(field.resolve);
    }
  }
}

function checkDeadline(context: WithDeadline | undefined): void {
  const deadline = context?.[DEADLINE];
  if (deadline !== undefined && deadline.now() > deadline.at) throw pastDeadline(deadline.ms);
}

function guarded(resolve: Resolver): Resolver {
  return (source, args, context, info) => {
    checkDeadline(context);
    return resolve(source, args, context, info);
  };
}

/**
 * GraphQL's default resolver (the property of that name, called if it is a method), with the
 * clock read only before calling a method.
 */
const propertyGuarded: Resolver = (source, args, context, info) => {
  if ((typeof source !== 'object' || source === null) && typeof source !== 'function') return;
  const value = (source as Record<string, unknown>)[info.fieldName];
  if (typeof value !== 'function') return value;
  checkDeadline(context);
  // as graphql-js's defaultFieldResolver calls it: a method of the source
  return (value as (...params: unknown[]) => unknown).call(source, args, context, info);
};

function pastDeadline(deadlineMs: number): GraphQLError {
  return new GraphQLError(
    `The request ran past its ${deadlineMs / 1000} s deadline and was stopped; ask for less at once.`,
    { extensions: { code: 'REQUEST_TIMEOUT' } },
  );
}
