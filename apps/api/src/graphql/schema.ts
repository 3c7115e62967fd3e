import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type ContainerType } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { ArticleResolver } from '../modules/articles/article.resolver.js';
import { ArticleService } from '../modules/articles/article.service.js';
import { SearchResolver } from '../modules/search/search.resolver.js';
import { SearchService } from '../modules/search/search.service.js';
import { TagResolver } from '../modules/tags/tag.resolver.js';
import { TagService } from '../modules/tags/tag.service.js';

export const resolvers = [ArticleResolver, SearchResolver, TagResolver] as const;

/** Wires services into resolvers by hand: a map is all the container this app needs. */
function createContainer(dataSource: DataSource | null): ContainerType {
  const instances = new Map<unknown, unknown>();
  if (dataSource) {
    const articles = new ArticleService(dataSource);
    instances.set(ArticleResolver, new ArticleResolver(articles));
    instances.set(SearchResolver, new SearchResolver(new SearchService(dataSource)));
    instances.set(TagResolver, new TagResolver(new TagService(dataSource)));
  }
  return {
    get(someClass) {
      const instance = instances.get(someClass);
      if (!instance)
        throw new Error(
          `No instance registered for ${String((someClass as { name?: string }).name)}`,
        );
      return instance;
    },
  };
}

/** The executable schema; with no data source it can only be printed. */
export function buildFolioSchema(dataSource: DataSource | null): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    container: createContainer(dataSource),
    validate: { forbidUnknownValues: false },
  });
}

/** The schema as committed in packages/schema: sorted, so diffs show real changes only. */
export async function printSortedSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildFolioSchema(null)))}\n`;
}
