import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { readQuery } from '../../db/read-query.js';
import { Section } from '../sections/section.entity.js';
import { Article } from './article.entity.js';
import { ArticleService } from './article.service.js';

// Batching loaders for an article's parts, one set per request (so nothing leaks between
// viewers); resolvers reach them as `context.loaders`.

declare module '../../graphql/context.js' {
  interface Context {
    loaders: Loaders;
  }
}

export interface Loaders {
  sectionsByArticleId: DataLoader<string, Section[]>;
  tagsByArticleId: DataLoader<string, string[]>;
  articleById: DataLoader<string, Article | null>;
  sectionCountByArticleId: DataLoader<string, number>;
  /** Related articles for a page of articles: one statement per `first` value and level. */
  relatedByArticleId(first: number): DataLoader<string, Article[]>;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

export function createLoaders(dataSource: DataSource): Loaders {
  const articles = new ArticleService(dataSource);
  const relatedLoaders = new Map<number, DataLoader<string, Article[]>>();
  return {
    relatedByArticleId(first) {
      let loader = relatedLoaders.get(first);
      if (!loader) {
        loader = new DataLoader((articleIds) => articles.relatedToMany(articleIds, first));
        relatedLoaders.set(first, loader);
      }
      return loader;
    },
    sectionsByArticleId: new DataLoader(async (articleIds) => {
      const sections = await dataSource.getRepository(Section).find({
        where: { articleId: In([...articleIds]) },
        order: { articleId: 'ASC', position: 'ASC' },
      });
      const byArticle = groupBy(sections, (section) => section.articleId);
      return articleIds.map((id) => byArticle.get(id) ?? []);
    }),
    // Both read the copies on the article's row (migration 1764960000000).
    tagsByArticleId: new DataLoader(async (articleIds) => {
      const rows = await readQuery<{ id: string; tag_names: string[] }>(
        dataSource,
        `SELECT id, tag_names FROM articles WHERE id = ANY($1::uuid[])`,
        [articleIds],
      );
      const byArticle = new Map(rows.map((row) => [row.id, row.tag_names]));
      return articleIds.map((id) => byArticle.get(id) ?? []);
    }),
    sectionCountByArticleId: new DataLoader(async (articleIds) => {
      const rows = await readQuery<{ id: string; section_count: number }>(
        dataSource,
        `SELECT id, section_count FROM articles WHERE id = ANY($1::uuid[])`,
        [articleIds],
      );
      const counts = new Map(rows.map((row) => [row.id, row.section_count]));
      return articleIds.map((id) => counts.get(id) ?? 0);
    }),
    articleById: new DataLoader(async (ids) => {
      const articles = await dataSource.getRepository(Article).findBy({ id: In([...ids]) });
      const byId = new Map(articles.map((article) => [article.id, article]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
