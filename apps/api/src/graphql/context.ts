import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { Section } from '../modules/sections/section.entity.js';

/** Per-request state: batching loaders, so a list of N articles costs one query per relation. */
export interface Context {
  loaders: Loaders;
}

export interface Loaders {
  sectionsByArticleId: DataLoader<string, Section[]>;
  tagsByArticleId: DataLoader<string, string[]>;
}

export function createLoaders(dataSource: DataSource): Loaders {
  return {
    sectionsByArticleId: new DataLoader(async (articleIds) => {
      const sections = await dataSource.getRepository(Section).find({
        where: { articleId: In([...articleIds]) },
        order: { articleId: 'ASC', position: 'ASC' },
      });
      return articleIds.map((id) => sections.filter((section) => section.articleId === id));
    }),
    tagsByArticleId: new DataLoader(async (articleIds) => {
      const rows: Array<{ article_id: string; name: string }> = await dataSource.query(
        `SELECT at.article_id, t.name
           FROM article_tags at JOIN tags t ON t.id = at.tag_id
          WHERE at.article_id = ANY($1::uuid[])
          ORDER BY t.name`,
        [articleIds],
      );
      return articleIds.map((id) =>
        rows.filter((row) => row.article_id === id).map((row) => row.name),
      );
    }),
  };
}
