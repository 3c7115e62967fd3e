import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { Context } from '../graphql/context.js';
import type { ContentVersion } from './content-version.js';

/**
 * Whole responses to anonymous queries, kept in memory for as long as their cache hints allow
 * (see graphql/cache-control.ts) and keyed by the content version their request started under.
 * Editors, moderators and admins (any Authorization header) always get a fresh answer.
 */
export function responseCachePlugins(
  version: ContentVersion,
  maxSizeMb: number,
): ApolloServerPlugin<Context>[] {
  const cacheable = ({ contextValue }: { contextValue: Context }) =>
    contextValue.viewer === null && version.trusted;
  return [
    // Hints decide what is cached here, not what a browser or CDN keeps: a CDN cannot be told
    // that an article was removed, so HTTP responses stay uncacheable.
    ApolloServerPluginCacheControl({ calculateHttpHeaders: false }),
    responseCachePlugin({
      cache: new InMemoryLRUCache<string>({ maxSize: maxSizeMb * 2 ** 20 }),
      extraCacheKeyData: async ({ contextValue }) => contextValue.contentVersion,
      shouldReadFromCache: async (requestContext) => cacheable(requestContext),
      // An answer computed under an older version is already stale: do not store it.
      shouldWriteToCache: async (requestContext) =>
        cacheable(requestContext) && requestContext.contextValue.contentVersion === version.current,
    }),
  ];
}
