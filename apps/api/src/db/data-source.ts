import 'reflect-metadata';
import { DataSource, type Logger } from 'typeorm';
import { Article } from '../modules/articles/article.entity.js';
import { Section } from '../modules/sections/section.entity.js';
import { Tag } from '../modules/tags/tag.entity.js';
import { migrations } from './migrations/index.js';

export const entities = [Article, Section, Tag];

export interface DataSourceOptions {
  url: string;
  poolMax?: number;
  /** Receives every statement; tests count them. */
  logger?: Logger;
}

export function createDataSource({ url, poolMax = 10, logger }: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    // Schema changes happen only through migrations, everywhere.
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    // A `where: { slug: undefined }` must never match every row.
    invalidWhereValuesBehavior: { null: 'throw', undefined: 'throw' },
    logger,
    extra: {
      max: poolMax,
      connectionTimeoutMillis: 5_000,
      statement_timeout: 10_000,
      idle_in_transaction_session_timeout: 30_000,
      application_name: 'folio-api',
    },
  });
}
