import type { ApolloServerPlugin } from '@apollo/server';
import type { OperationDefinitionNode } from 'graphql';
import type { Context } from '../graphql/context.js';
import type { ContentChangeStream } from './content-change-stream.js';
import type { ContentVersion } from './content-version.js';

/** Mutations that change no published content: they leave cached answers in place. */
const CONTENT_NEUTRAL_MUTATIONS = new Set(['submitReport', 'appealReport', 'revokeApiToken']);

/**
 * After a content mutation, before its response is sent: bumps the version (this process's
 * response cache no longer matches anything older) and waits for the readers following
 * /content-changes to confirm they purged. Once an editor or moderator sees "done", nothing
 * cached by this API or its readers shows what was there before. (Other API instances learn of
 * the change through the database notification, within milliseconds.)
 */
export function announceContentMutations(
  version: ContentVersion,
  stream: ContentChangeStream,
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation }) {
          if (operation?.operation !== 'mutation' || !changesContent(operation)) return;
          version.bump();
          await stream.settled();
        },
      };
    },
  };
}

/** False only when every root field is a known content-neutral mutation. */
export function changesContent(operation: OperationDefinitionNode): boolean {
  return operation.selectionSet.selections.some(
    (selection) =>
      selection.kind !== 'Field' || !CONTENT_NEUTRAL_MUTATIONS.has(selection.name.value),
  );
}
