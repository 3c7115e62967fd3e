import type { DataSource } from 'typeorm';
import { EditorialArticlesResolver } from './editorial-articles.resolver.js';
import { EditorialArticlesService } from './editorial-articles.service.js';
import { EditorialFieldsResolver } from './editorial-fields.resolver.js';
import { SectionMarkdownResolver } from './section-markdown.resolver.js';

/** What Studio reads beyond the editorial mutations: lists, one article, versions, Markdown. */
export const studioEditorialResolvers = [
  EditorialArticlesResolver,
  EditorialFieldsResolver,
  SectionMarkdownResolver,
] as const;

export function createStudioEditorialResolvers(dataSource: DataSource): Array<[unknown, unknown]> {
  return [
    [
      EditorialArticlesResolver,
      new EditorialArticlesResolver(new EditorialArticlesService(dataSource)),
    ],
    [EditorialFieldsResolver, new EditorialFieldsResolver(dataSource)],
    [SectionMarkdownResolver, new SectionMarkdownResolver()],
  ];
}
