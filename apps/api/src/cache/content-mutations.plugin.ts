import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import type { FragmentDefinitionNode, OperationDefinitionNode, SelectionSetNode } from 'graphql';
import type { Context } from '../graphql/context.js';
import type { ContentChangeStream } from './content-change-stream.js';
import type { ContentVersion } from './content-version.js';

/** Mutations that change no published content: they leave cached answers in place. */
const CONTENT_NEUTRAL_MUTATIONS = new Set(['submitReport', 'revokeApiToken', 'triageReport']);

/**
 * After a content mutation committed, before its response is sent: bumps the version (this
 * process's response cache no longer matches anything older) and waits for the readers
 * following /content-changes to confirm they purged. Once an editor or moderator sees "done",
 * nothing cached by this API or its readers shows what was there before. (Other API instances
 * learn of the change through the database notification, within milliseconds.)
 *
 * Only a root field that answered without an error counts: a refused, failed, unauthorised or
 * empty mutation (`mutation { __typename }`) committed nothing and moves nothing, so no one can
 * empty every cache by sending mutations that do not succeed.
 */
export function announceContentMutations(
  version: ContentVersion,
  stream: ContentChangeStream,
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(requestContext) {
          if (!committedContentChange(requestContext)) return;
          version.bump();
          await stream.settled();
        },
      };
    },
  };
}

function committedContentChange({
  operation,
  document,
  response,
}: GraphQLRequestContextWillSendResponse<Context>): boolean {
  if (operation?.operation !== 'mutation' || response.body.kind !== 'single') return false;
  const { data, errors } = response.body.singleResult;
  if (!data) return false;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document?.definitions ?? [])
    if (definition.kind === 'FragmentDefinition') fragments[definition.name.value] = definition;
  const failed = new Set((errors ?? []).map((error) => error.path?.[0]));
  return contentFields(operation, fragments).some(
    (key) => !failed.has(key) && data[key] !== null && data[key] !== undefined,
  );
}

/** Response keys of the root fields that may change published content. */
export function contentFields(
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode> = {},
): string[] {
  const keys: string[] = [];
  const visit = (selectionSet: SelectionSetNode, seen: string[]) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === 'Field') {
        const name = selection.name.value;
        if (!name.startsWith('__') && !CONTENT_NEUTRAL_MUTATIONS.has(name))
          keys.push(selection.alias?.value ?? name);
      } else if (selection.kind === 'InlineFragment') {
        visit(selection.selectionSet, seen);
      } else {
        const fragment = fragments[selection.name.value];
        if (fragment && !seen.includes(fragment.name.value))
          visit(fragment.selectionSet, [...seen, fragment.name.value]);
      }
    }
  };
  visit(operation.selectionSet, []);
  return keys;
}
