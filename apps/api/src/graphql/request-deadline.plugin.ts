import type { ApolloServerPlugin } from '@apollo/server';
import {
  defaultFieldResolver,
  GraphQLError,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import type { Context } from './context.js';

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

/** Wraps every field of the schema's object types, once per schema object. */
function guardFields(schema: GraphQLSchema): void {
  if ((schema as { [GUARDED]?: true })[GUARDED]) return;
  Object.defineProperty(schema, GUARDED, { value: true });
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      field.resolve = guarded(field.resolve ?? defaultFieldResolver);
    }
  }
}

function guarded(
  resolve: GraphQLFieldResolver<unknown, WithDeadline | undefined>,
): GraphQLFieldResolver<unknown, WithDeadline | undefined> {
  return (source, args, context, info) => {
    const deadline = context?.[DEADLINE];
    if (deadline !== undefined && deadline.now() > deadline.at) throw pastDeadline(deadline.ms);
    return resolve(source, args, context, info);
  };
}

function pastDeadline(deadlineMs: number): GraphQLError {
  return new GraphQLError(
    `The request ran past its ${deadlineMs / 1000} s deadline and was stopped; ask for less at once.`,
    { extensions: { code: 'REQUEST_TIMEOUT' } },
  );
}
