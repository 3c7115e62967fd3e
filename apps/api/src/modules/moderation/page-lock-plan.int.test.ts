import type { QueryRunner } from 'typeorm';
import { createArticle } from '../../../test/factories.js';
import { useTestDatabase, type TestDatabase } from '../../../test/test-database.js';
import { flagPages } from '../reports/report-batch.store.js';
import { lockPage } from './page-moderation.store.js';

// lock_page's plans live as long as the connection (PostgreSQL 18 caches a SQL function's
// plans, and keeps the generic one after five calls). A connection that began locking pages
// while the statistics said `article_moderation` was empty planned a sequential scan of it,
// and scanned the whole table for every page it locked as the table grew: the bench's W4,
// which flags every page within a run, spent most of PostgreSQL's time there. These pin that
// a page's lock reads its moderation row by key however the table grew after the planning.

const PAGES = 40;

let db: TestDatabase;
let connection: QueryRunner;
let ids: string[];

const database = useTestDatabase();

beforeEach(async () => {
  db = database();
  await db.reset();
  for (let i = 0; i < PAGES; i++) await createArticle(db.dataSource, { title: `Page ${i}` });
  ids = (await db.dataSource.query(`SELECT id FROM articles ORDER BY id`)).map(
    (row: { id: string }) => row.id,
  );
  // what a fresh database's ANALYZE (or autovacuum's) says before any page was flagged
  await db.dataSource.query('ANALYZE article_moderation');
  connection = db.dataSource.createQueryRunner();
  await connection.connect();
});
afterEach(async () => {
  if (connection.isTransactionActive) await connection.rollbackTransaction();
  await connection.release();
});

/** This session's scans of article_moderation not yet sent to the statistics (pending). */
async function pendingScans() {
  const [scans] = await connection.query(
    `SELECT seq_scan::int AS sequential, idx_scan::int AS indexed
       FROM pg_stat_xact_user_tables WHERE relname = 'article_moderation'`,
  );
  return scans as { sequential: number; indexed: number };
}

/** Locks a page on the test's one connection; says how it read article_moderation. */
async function lockAndCount(id: string) {
  await connection.startTransaction();
  // within one transaction the pending counts are not flushed: the difference is the lock's
  const before = await pendingScans();
  const page = await lockPage(connection.manager, id);
  const after = await pendingScans();
  await connection.commitTransaction();
  return {
    page,
    scans: {
      sequential: after.sequential - before.sequential,
      indexed: after.indexed - before.indexed,
    },
  };
}

it('reads the moderation row of a page by key on a connection that planned while no page was flagged', async () => {
  // more than five calls: the connection settles on its generic plan (reading an empty table
  // whole would cost nothing; what matters is what the plan does once the table has grown)
  for (const id of ids.slice(0, 8)) expect((await lockAndCount(id)).page?.flaggedAt).toBeNull();
  // then every page is flagged, as a wave of reports does
  await db.dataSource.transaction((manager) =>
    flagPages(
      manager,
      ids.map((articleId) => ({ articleId, reason: 'burst', at: new Date() })),
    ),
  );
  for (const id of ids.slice(8, 16)) {
    const { page, scans } = await lockAndCount(id);
    expect(page?.flaggedAt).toBeInstanceOf(Date);
    expect(scans).toEqual({ sequential: 0, indexed: 1 });
  }
});
