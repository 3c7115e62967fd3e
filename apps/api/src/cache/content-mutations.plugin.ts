import type { ApolloServerPlugin } from '@apollo/server';
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
 */
export function announceContentMutations(
  version: ContentVersion,
  stream: ContentChangeStream,
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let committed = false;
      return {
        async executionDidStart({ operation }) {
          if (operation.operation !== 'mutation') return;
          return {
            willResolveField({ info }) {
              if (info.path.prev !== undefined || !changesContent(info.fieldName)) return;
              return (error, result) => {
                if (!error && result !== null && result !== undefined) committed = true;
              };
            },
          };
        },
        async willSendResponse() {
          if (!committed) return;
          version.bump();
          await stream.settled();
        },
      };
    },
  };
}
