import 'reflect-metadata';
import { DataSource, type Logger } from 'typeorm';
import { Article } from '../modules/articles/article.entity.js';
import { AuditEvent } from '../modules/audit/audit-event.entity.js';
import { ApiToken } from '../modules/auth/api-token.entity.js';
import { ArticleRevision } from '../modules/editorial/article-revision.entity.js';
import { Report } from '../modules/reports/report.entity.js';
import { Section } from '../modules/sections/section.entity.js';
import { Tag } from '../modules/tags/tag.entity.js';
import { migrations } from './migrations/index.js';
import { PreviewLinkRecord } from '../modules/previews/preview-link.entity.js';
import { StaffSession } from '../modules/staff/staff-session.entity.js';
import { StaffUser } from '../modules/staff/staff-user.entity.js';

export const entities = [
  Article,
  Section,
  Tag,
  ApiToken,
  ArticleRevision,
  Report,
  AuditEvent,
  StaffUser,
  StaffSession,
  PreviewLinkRecord,
];

export interface DataSourceOptions {
  url: string;
  /** Read replicas: queries that only read go there; writes and transactions to `url`. */
  readUrls?: readonly string[];
  poolMax?: number;
  /** Receives every statement; tests count them. */
  logger?: Logger;
}

/** Pool settings that keep the API answering when PostgreSQL is slow or away. */
const POOL = {
  connectionTimeoutMillis: 3_000,
  statement_timeout: 10_000,
  query_timeout: 12_000,
  idle_in_transaction_session_timeout: 30_000,
  application_name: 'folio-api',
};

export function createDataSource({
  url,
  readUrls = [],
  poolMax = 10,
  logger,
}: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    ...(readUrls.length > 0
      ? { replication: { master: { url }, slaves: readUrls.map((readUrl) => ({ url: readUrl })) } }
      : { url }),
    entities,
    migrations,
    // Schema changes happen only through migrations, everywhere.
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    // A `where: { slug: undefined }` must never match every row.
    invalidWhereValuesBehavior: { null: 'throw', undefined: 'throw' },
    logger,
    extra: { ...POOL, max: poolMax },
  });
}
