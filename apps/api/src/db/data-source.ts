import 'reflect-metadata';
import { DataSource, type EntitySchema, type Logger } from 'typeorm';
import { migrations } from './migrations/index.js';

export interface DataSourceOptions {
  url: string;
  /**
   * The entities to map: the composition root's list (createAppDataSource in src/app-modules.ts).
   * None is enough for migrations and plain SQL (the test template, the bench's dataset).
   */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own entity type
  entities?: ReadonlyArray<Function | EntitySchema>;
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
  entities = [],
  readUrls = [],
  poolMax = 10,
  logger,
}: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    ...(readUrls.length > 0
      ? { replication: { master: { url }, slaves: readUrls.map((readUrl) => ({ url: readUrl })) } }
      : { url }),
    entities: [...entities],
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
