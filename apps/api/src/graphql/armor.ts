import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { Context } from './context.js';

/**
 * Limits every operation must pass before any resolver runs: depth (fragments included),
 * aliases and directives from graphql-armor; tokens from graphql-js; cost, searches and
 * argument values (which need the variables) from query-limits.plugin.ts. The reader's deepest query
 * (search -> article -> sections -> blocks -> inlines) is depth 8; 15 aliases let a client
 * batch a little, and each aliased report still counts against the rate limit.
 */
export const QUERY_LIMITS = {
  maxDepth: 12,
  maxAliases: 15,
  maxTokens: 2_000,
  maxDirectives: 20,
} as const;

export function createArmor(production: boolean) {
  const armor = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, flattenFragments: true },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    // Tokens are counted by graphql-js's own parser (Apollo's parseOptions.maxTokens), which
    // answers 400; armor's version throws from a plugin hook, which Apollo turns into a 500.
    maxTokens: { enabled: false },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives },
    // Cost is estimated with the operation's variables by query-limits.plugin.ts; armor's
    // estimate reads literal arguments only, so `first: $n` would slip past it.
    costLimit: { enabled: false },
    // Hidden by hideFieldSuggestions below (armor's plugin does the same with a listener
    // allocated per request).
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return {
    validationRules: armor.validationRules,
    // "Did you mean…?" hints reveal the schema; keep them while developing only.
    plugins: [...armor.plugins, ...(production ? [hideFieldSuggestions()] : [])],
  };
}

/** graphql-armor's block-field-suggestions for Apollo (same mask), with one listener for all. */
function hideFieldSuggestions(): ApolloServerPlugin<Context> {
  const mask = '[Suggestion hidden]';
  const listener: GraphQLRequestListener<Context> = {
    async didEncounterErrors({ errors }) {
      for (const error of errors)
        (error as { message: string }).message = error.message.replace(/Did you mean ".+"/g, mask);
    },
  };
  return {
    async requestDidStart() {
      return listener;
    },
  };
}
