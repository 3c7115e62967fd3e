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
    tagsByArticleId: new DataLoader(async (articleIds) => {
      const rows = await readQuery<{ article_id: string; name: string }>(
        dataSource,
        `SELECT at.article_id, t.name
           FROM article_tags at JOIN tags t ON t.id = at.tag_id
          WHERE at.article_id = ANY($1::uuid[])
          ORDER BY t.name`,
        [articleIds],
      );
      const byArticle = groupBy(rows, (row) => row.article_id);
      return articleIds.map((id) => (byArticle.get(id) ?? []).map((row) => row.name));
    }),
    sectionCountByArticleId: new DataLoader(async (articleIds) => {
      const rows = await readQuery<{ article_id: string; count: number }>(
        dataSource,
        `SELECT article_id, count(*)::int AS count FROM sections WHERE article_id = ANY($1::uuid[]) GROUP BY article_id`,
        [articleIds],
      );
      const counts = new Map(rows.map((row) => [row.article_id, row.count]));
      return articleIds.map((id) => counts.get(id) ?? 0);
    }),
    articleById: new DataLoader(async (ids) => {
      const articles = await dataSource.getRepository(Article).findBy({ id: In([...ids]) });
      const byId = new Map(articles.map((article) => [article.id, article]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
