import type { SelectQueryBuilder } from 'typeorm';
import type { Article } from './article.entity.js';

/** SQL for what anonymous readers may see: published, with a publication time that has come. */
export function publishedCondition(alias: string): string {
  return `${alias}.status = 'published' AND ${alias}.published_at <= now()`;
}

export function wherePublished<T extends SelectQueryBuilder<Article>>(qb: T, alias = 'article'): T {
  return qb.andWhere(publishedCondition(alias));
}
