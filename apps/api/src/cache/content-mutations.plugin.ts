import type { ApolloServerPlugin } from '@apollo/server';
import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { Context } from '../graphql/context.js';
import type { ContentChangeStream } from './content-change-stream.js';
import type { ContentVersion } from './content-version.js';

/** Mutations that change no published content: they leave cached answers in place. */
const CONTENT_NEUTRAL_MUTATIONS = new Set([
  'submitReport',
  'appealReport',
  'revokeApiToken',
  'triageReport',
  // Staff accounts, sessions, tokens and preview links (previews are never cached).
  'signIn',
  'signOut',
  'changePassword',
  'revokeSession',
  'createStaffUser',
  'setStaffUserRole',
  'deactivateStaffUser',
  'reactivateStaffUser',
  'resetStaffUserPassword',
  'createApiToken',
  'createPreviewLink',
  'revokePreviewLink',
]);

/** Whether a root mutation field of this name may change what readers see. */
export function changesContent(fieldName: string): boolean {
  return !fieldName.startsWith('__') && !CONTENT_NEUTRAL_MUTATIONS.has(fieldName);
}

/** Set on a request's context once a content-changing root mutation field has resolved. */
const COMMITTED = Symbol('folio.contentMutationCommitted');
const WATCHED = Symbol('folio.contentMutationsWatched');

type WithCommitted = { [COMMITTED]?: true };

/**
 * After a content mutation committed, before its response is sent: bumps the version (this
 * process's response cache no longer matches anything older) and waits for the readers
 * following /content-changes to confirm they purged. Once an editor or moderator sees "done",
 * nothing cached by this API or its readers shows what was there before. (Other API instances
 * learn of the change through the database notification, within milliseconds.)
 *
 * Only a root mutation field that resolved without an error counts (its service committed):
 * a refused, failed, unauthorised or empty mutation (`mutation { __typename }`) moves nothing,
 * so no one can empty every cache by sending mutations that do not succeed. Fields are watched
 * as they resolve, so a committed field followed by a failing one (which nulls the whole
 * answer) still counts.
 *
 * The root mutation fields' resolvers are wrapped once, when the server starts, rather than
 * watched with Apollo's `willResolveField` hook: the first request with such a hook makes Apollo
 * wrap every field of the schema in its instrumentation for good, so after the first report
 * every field of every query would go through it.
 */
export function announceContentMutations(
  version: ContentVersion,
  stream: ContentChangeStream,
): ApolloServerPlugin<Context> {
  return {
    async serverWillStart({ schema }) {
      watchMutationFields(schema);
    },
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue }) {
          if (!(contextValue as WithCommitted)[COMMITTED]) return;
          version.bump();
          await stream.settled();
        },
      };
    },
  };
}

/** Wraps each content-changing root mutation field, once per schema object. */
function watchMutationFields(schema: GraphQLSchema): void {
  const mutation = schema.getMutationType();
  if (!mutation || (schema as { [WATCHED]?: true })[WATCHED]) return;
  Object.defineProperty(schema, WATCHED, { value: true });
  for (const field of Object.values(mutation.getFields())) {
    if (changesContent(field.name))
      field.resolve = committing(field.resolve ?? defaultFieldResolver);
  }
}

/** The resolver, marking the request's context when it resolves to a value without an error. */
function committing(
  resolve: GraphQLFieldResolver<unknown, unknown>,
): GraphQLFieldResolver<unknown, unknown> {
  const mark = (context: unknown, result: unknown) => {
    if (result !== null && result !== undefined && typeof context === 'object' && context) {
      Object.defineProperty(context, COMMITTED, { value: true, configurable: true });
    }
    return result;
  };
  return (source, args, context, info) => {
    const result = resolve(source, args, context, info);
    if (result instanceof Promise) return result.then((value) => mark(context, value));
    return mark(context, result);
  };
}
