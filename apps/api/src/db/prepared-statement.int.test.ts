import { once } from 'node:events';
import { Client, type Pool, type PoolClient } from 'pg';
import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
import { useOwnDataSources } from '../../test/own-data-sources.js';
import { preparedQuery, sizeBlind } from './prepared-statement.js';

const poolOf = (dataSource: DataSource) =>
  (dataSource.driver as unknown as { master: Pool }).master;

const own = useOwnDataSources();

/** A data source of one connection: every transaction runs on the same one while it lasts. */
async function open() {
  const { dataSource, logger } = await own.open({ poolMax: 1 });
  return { dataSource, logger, pool: poolOf(dataSource) };
}

const backend = async (dataSource: DataSource): Promise<number> =>
  ((await dataSource.query('SELECT pg_backend_pid() AS pid')) as Array<{ pid: number }>)[0]!.pid;

/** How PostgreSQL planned each prepared statement of the one connection so far. */
const plans = async (dataSource: DataSource) =>
  (await dataSource.query(
    `SELECT name, generic_plans::int, custom_plans::int FROM pg_prepared_statements ORDER BY name`,
  )) as Array<{ name: string; generic_plans: number; custom_plans: number }>;

// A batch-like statement: rows from an array parameter, joined to a table by an index.
const BLIND = `SELECT count(*)::int AS n
  FROM unnest(${sizeBlind('$1::int[]')}) AS t(i) JOIN pg_class c ON c.oid = t.i`;
const COUNTED = `SELECT count(*)::int AS n FROM unnest($1::int[]) AS t(i) JOIN pg_class c ON c.oid = t.i`;

const inTransaction = <T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>) =>
  dataSource.transaction(work);

describe('preparedQuery', () => {
  it("runs in the manager's transaction as a named statement of its connection, logged once", async () => {
    const { dataSource, logger } = await open();
    logger.reset();
    const rows = await inTransaction(dataSource, async (manager) => {
      await manager.query('CREATE TEMPORARY TABLE seen (n int) ON COMMIT DROP');
      await manager.query('INSERT INTO seen VALUES (7)');
      // sees the transaction's own temporary table: it runs on the transaction's connection
      return preparedQuery<{ n: number }>(manager, 'probe_seen', 'SELECT n FROM seen', []);
    });
    expect(rows).toEqual([{ n: 7 }]);
    expect(logger.statements).toEqual([
      'START TRANSACTION',
      'CREATE TEMPORARY TABLE seen (n int) ON COMMIT DROP',
      'INSERT INTO seen VALUES (7)',
      'SELECT n FROM seen',
      'COMMIT',
    ]);
    expect((await plans(dataSource)).map((plan) => plan.name)).toEqual(['probe_seen']);
  });

  it("builds a statement's text once per name, and hands back rows of its own, none left in pg's result", async () => {
    const { dataSource, pool } = await open();
    const pgResults: Array<Promise<{ rows: unknown[] }>> = [];
    const watched = new WeakSet<PoolClient>();
    pool.on('acquire', (client: PoolClient) => {
      if (watched.has(client)) return;
      watched.add(client);
      const query = client.query.bind(client) as (config: unknown) => Promise<{ rows: unknown[] }>;
      (client as unknown as { query: typeof query }).query = (config) => {
        const result = query(config);
        if (typeof config === 'object') pgResults.push(result);
        return result;
      };
    });
    let builds = 0;
    const text = () => {
      builds += 1;
      return `SELECT n FROM generate_series(1, $1::int) AS n`;
    };
    for (const count of [2, 3]) {
      const rows = await inTransaction(dataSource, (manager) =>
        preparedQuery<{ n: number }>(manager, 'probe_built', text, [count]),
      );
      expect(rows.map((row) => row.n)).toEqual(count === 2 ? [1, 2] : [1, 2, 3]);
    }
    // Built on the name's first use only: pg compared a text built anew with the prepared one
    // on every run, flattening it and keeping the copy as long as the query.
    expect(builds).toBe(1);
    // Rows left in pg's result outlived young collections (README "Round eight").
    expect(pgResults).toHaveLength(2);
    for (const result of pgResults) expect((await result).rows).toEqual([]);
  });

  it('settles on the generic plan of a statement with size-blind arrays, however small they are', async () => {
    const { dataSource } = await open();
    for (let i = 0; i < 8; i++) {
      await inTransaction(dataSource, async (manager) => {
        const [row] = await preparedQuery<{ n: number }>(manager, 'probe_blind', BLIND, [[1259]]);
        expect(row).toEqual({ n: 1 }); // pg_class's own row
        await preparedQuery(manager, 'probe_counted', COUNTED, [[1259]]);
      });
    }
    // five custom plans, then the generic plan for good; the same statement with a plain
    // array parameter is planned again on every execution (a one-element array makes every
    // custom plan look cheaper than a generic plan made for ten)
    expect(await plans(dataSource)).toEqual([
      { name: 'probe_blind', generic_plans: 3, custom_plans: 5 },
      { name: 'probe_counted', generic_plans: 0, custom_plans: 8 },
    ]);
  });

  it('fails as a QueryFailedError, logged, rolling back, and keeps the connection', async () => {
    const { dataSource, logger, pool } = await open();
    const before = await backend(dataSource);
    await dataSource.query('CREATE TABLE IF NOT EXISTS probe_rows (n int)');
    const failure = await inTransaction(dataSource, async (manager) => {
      await manager.query('INSERT INTO probe_rows VALUES (1)');
      await preparedQuery(manager, 'probe_divide', 'SELECT 1 / $1::int', [0]);
    }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(QueryFailedError);
    expect((failure as QueryFailedError).driverError).toMatchObject({ code: '22012' });
    expect(logger.failures).toEqual([
      { query: 'SELECT 1 / $1::int', error: expect.objectContaining({ code: '22012' }) },
    ]);
    expect(await dataSource.query('SELECT count(*)::int AS n FROM probe_rows')).toEqual([{ n: 0 }]);
    // an SQL error does not cost a connection
    expect(await backend(dataSource)).toBe(before);
    expect(pool.totalCount).toBe(1);
  });

  it('drops a connection that lost its prepared statement, and the next transaction prepares it on a new one', async () => {
    const { dataSource, pool } = await open();
    const run = () =>
      inTransaction(dataSource, (manager) =>
        preparedQuery<{ n: number }>(manager, 'probe_lost', BLIND, [[1259]]),
      );
    await run();
    const first = await backend(dataSource);
    // what a pooler or an operator's DISCARD ALL does: pg still believes it prepared
    await dataSource.query('DEALLOCATE ALL');

    const failure = await run().catch((error: unknown) => error);
    expect((failure as QueryFailedError).driverError).toMatchObject({ code: '26000' });
    expect(await run()).toEqual([{ n: 1 }]);
    expect(await backend(dataSource)).not.toBe(first);
    expect(pool.totalCount).toBe(1);
  });

  it('drops a connection PostgreSQL ended during the statement', async () => {
    const { dataSource, pool } = await open();
    const first = await backend(dataSource);
    const acquired = once(pool, 'acquire') as Promise<[PoolClient]>;
    const running = inTransaction(dataSource, (manager) =>
      preparedQuery(manager, 'probe_sleep', 'SELECT pg_sleep($1::int)', [60]),
    ).catch((error: unknown) => error);
    await acquired;
    const admin = new Client({ connectionString: own.url });
    await admin.connect();
    try {
      // wait until the statement runs, then end its backend
      for (;;) {
        const { rows } = await admin.query(
          `SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND query LIKE 'SELECT pg_sleep%'`,
          [first],
        );
        if (rows.length > 0) break;
      }
      await admin.query('SELECT pg_terminate_backend($1)', [first]);
    } finally {
      await admin.end();
    }

    expect(await running).toBeInstanceOf(QueryFailedError);
    expect(await backend(dataSource)).not.toBe(first);
    expect(pool.totalCount).toBe(1);
  });
});
