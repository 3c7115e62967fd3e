import type { DataSource } from 'typeorm';
import { createDataSource } from '../src/db/data-source.js';
import { StatementCounter } from '../src/db/statement-counter.js';
import { useTestDatabase, type TestDatabase } from './test-database.js';

/** Counts statements like StatementCounter, and keeps the failures the data source reports. */
export class RecordingLogger extends StatementCounter {
  readonly failures: Array<{ query: string; error: Error }> = [];
  override logQueryError(error: string | Error, query: string): void {
    this.failures.push({ query, error: error as Error });
  }
}

export interface OwnDataSources {
  /** The test file's database (its URL is set once beforeAll has run). */
  readonly url: string;
  readonly database: TestDatabase;
  /**
   * A data source of the test's own on that database, with the pool size it needs (one
   * connection, to read what PostgreSQL keeps per connection) and a RecordingLogger; `replica`
   * adds the same database as a read replica. Closed after the file.
   */
  open(options?: {
    poolMax?: number;
    replica?: boolean;
  }): Promise<{ dataSource: DataSource; logger: RecordingLogger }>;
}

/** For tests of the database layer: a database of the file's own, and data sources on it. */
export function useOwnDataSources(): OwnDataSources {
  const opened: DataSource[] = [];
  // Declared before useTestDatabase's hooks: jest runs afterAll hooks in declaration order, so
  // these connections close before the database is dropped.
  afterAll(async () => {
    for (const dataSource of opened) await dataSource.destroy();
  });
  const database = useTestDatabase();
  const own: OwnDataSources = {
    get database() {
      return database();
    },
    get url() {
      return (own.database.dataSource.options as { url: string }).url;
    },
    async open({ poolMax = 1, replica = false } = {}) {
      const logger = new RecordingLogger();
      const dataSource = createDataSource({
        url: own.url,
        poolMax,
        // the same database as a "replica": what matters is which pool a read takes
        readUrls: replica ? [own.url] : [],
        logger,
      });
      await dataSource.initialize();
      opened.push(dataSource);
      return { dataSource, logger };
    },
  };
  return own;
}
