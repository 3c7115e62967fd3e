import { ApolloArmor } from '@escape.tech/graphql-armor';

/**
 * Limits every operation must pass before any resolver runs (graphql-armor): depth (fragments
 * included), aliases, tokens, directives and an estimated cost. The reader's deepest query
 * (search -> article -> sections -> blocks -> inlines) is depth 8; 15 aliases let a client
 * batch a little, and each aliased report still counts against the rate limit.
 */
export const QUERY_LIMITS = {
  maxDepth: 12,
  maxAliases: 15,
  maxTokens: 2_000,
  maxDirectives: 20,
  maxCost: 25_000,
} as const;

export function createArmor(production: boolean) {
  return new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, flattenFragments: true },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    maxTokens: { n: QUERY_LIMITS.maxTokens },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives },
    costLimit: { maxCost: QUERY_LIMITS.maxCost },
    // "Did you mean…?" hints reveal the schema; keep them while developing only.
    blockFieldSuggestion: { enabled: production },
  }).protect();
}
