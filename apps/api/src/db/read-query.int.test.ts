import { once } from 'node:events';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Client, type Pool, type PoolClient, type QueryConfig, type QueryResult } from 'pg';
import { QueryFailedError, type DataSource } from 'typeorm';
import { useOwnDataSources } from '../../test/own-data-sources.js';
import { readPool, readQuery } from './read-query.js';

interface Pools {
  master: Pool;
  slaves: Pool[];
}
const poolsOf = (dataSource: DataSource) => dataSource.driver as unknown as Pools;

const own = useOwnDataSources();
const open = own.open;

describe('readQuery', () => {
  it("reads through TypeORM's own pool, within its size limit, and logs each statement", async () => {
    const { dataSource, logger } = await open({ poolMax: 2 });
    const pool = poolsOf(dataSource).master;
    expect(readPool(dataSource)).toBe(pool);
    logger.reset();

    // Another session holds a lock the reads wait for, so they keep their connections.
    const admin = new Client({ connectionString: own.url });
    await admin.connect();
    await admin.query('SELECT pg_advisory_lock(4242)');
    const acquired = new Promise<void>((resolve) => {
      let n = 0;
      pool.on('acquire', () => (++n === 2 ? resolve() : undefined));
    });
    const sql = 'SELECT n FROM pg_advisory_xact_lock_shared(4242), (SELECT $1::int AS n) AS v';
    const reads = [1, 2, 3].map((n) =>
      readQuery<{ n: number }>(dataSource, sql, [n], { prepareAs: 'probe_n' }),
    );
    await acquired;
    // two connections at most (poolMax), the third read queued on that same pool
    expect(pool.totalCount).toBe(2);
    expect(pool.waitingCount).toBe(1);
    await admin.query('SELECT pg_advisory_unlock(4242)');
    await admin.end();
    expect(await Promise.all(reads)).toEqual([[{ n: 1 }], [{ n: 2 }], [{ n: 3 }]]);
    expect(pool.totalCount).toBe(2);
    expect(pool.idleCount).toBe(2);
    expect(logger.count).toBe(3);
    expect(logger.statements).toEqual([sql, sql, sql]);
  });

  it('runs named statements as prepared statements of the connection', async () => {
    const { dataSource } = await open({ poolMax: 1 });
    await readQuery(dataSource, 'SELECT 1 AS one', [], { prepareAs: 'probe_one' });
    const prepared = await readQuery<{ name: string; statement: string }>(
      dataSource,
      'SELECT name, statement FROM pg_prepared_statements',
    );
    expect(prepared).toEqual([{ name: 'probe_one', statement: 'SELECT 1 AS one' }]);
  });

  it("builds a named statement's text once, and runs an unnamed statement's builder every time", async () => {
    const { dataSource } = await open({ poolMax: 1 });
    let builds = 0;
    const text = () => {
      builds += 1;
      return 'SELECT $1::int + 1 AS n';
    };
    for (const n of [1, 2, 3]) {
      expect(await readQuery(dataSource, text, [n], { prepareAs: 'probe_built' })).toEqual([
        { n: n + 1 },
      ]);
    }
    expect(builds).toBe(1);
    expect(await readQuery(dataSource, text, [5])).toEqual([{ n: 6 }]);
    expect(builds).toBe(2);
  });

  it.each([
    ['a named statement', { prepareAs: 'divide_by_zero' }],
    ['an unnamed statement', {}],
  ])(
    'a failure of %s is logged, thrown as a QueryFailedError, and its client goes back to the pool',
    async (_kind, options) => {
      const { dataSource, logger } = await open({ poolMax: 1 });
      const pool = poolsOf(dataSource).master;
      const [before] = await readQuery<{ pid: number }>(
        dataSource,
        'SELECT pg_backend_pid() AS pid',
      );

      const failure = await readQuery(dataSource, 'SELECT 1 / $1::int', [0], options).catch(
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(QueryFailedError);
      expect((failure as QueryFailedError).driverError).toMatchObject({ code: '22012' });
      expect(logger.failures).toEqual([
        { query: 'SELECT 1 / $1::int', error: expect.objectContaining({ code: '22012' }) },
      ]);
      // the one connection is idle again and still the same backend: an SQL error does not
      // cost a connection (a pool of one would otherwise wait here until its timeout)
      expect(pool.idleCount).toBe(1);
      const [after] = await readQuery<{ pid: number }>(
        dataSource,
        'SELECT pg_backend_pid() AS pid',
      );
      expect(after).toEqual(before);
    },
  );

  it('drops a client whose connection broke during a read, and the next read gets a new one', async () => {
    const { dataSource, logger } = await open({ poolMax: 1 });
    const pool = poolsOf(dataSource).master;
    const [first] = await readQuery<{ pid: number }>(dataSource, 'SELECT pg_backend_pid() AS pid');

    const acquired = once(pool, 'acquire') as Promise<[PoolClient]>;
    const read = readQuery(dataSource, 'SELECT pg_sleep(60)').catch((error: unknown) => error);
    await acquired;
    const admin = new Client({ connectionString: own.url });
    await admin.connect();
    try {
      await admin.query('SELECT pg_terminate_backend($1)', [first!.pid]);
    } finally {
      await admin.end();
    }

    expect(await read).toBeInstanceOf(QueryFailedError);
    expect(logger.failures).toHaveLength(1);
    const [second] = await readQuery<{ pid: number }>(dataSource, 'SELECT pg_backend_pid() AS pid');
    expect(second!.pid).not.toBe(first!.pid);
    expect(pool.totalCount).toBe(1);
  });

  it('drops a client that lost its named statement, and the next read prepares it on a new one', async () => {
    const { dataSource } = await open({ poolMax: 1 });
    const pool = poolsOf(dataSource).master;
    const sql = 'SELECT pg_backend_pid() AS pid';
    const [first] = await readQuery<{ pid: number }>(dataSource, sql, [], {
      prepareAs: 'probe_pid',
    });
    // what a pooler or an operator's DISCARD ALL does: pg still believes it prepared there
    await readQuery(dataSource, 'DEALLOCATE ALL');

    const failure = await readQuery(dataSource, sql, [], { prepareAs: 'probe_pid' }).catch(
      (error: unknown) => error,
    );
    expect((failure as QueryFailedError).driverError).toMatchObject({ code: '26000' });
    const [second] = await readQuery<{ pid: number }>(dataSource, sql, [], {
      prepareAs: 'probe_pid',
    });
    expect(second!.pid).not.toBe(first!.pid);
    expect(pool.totalCount).toBe(1);
  });

  it('survives a connection reset during a read (no uncaught error), and drops that client', async () => {
    const { dataSource } = await open({ poolMax: 1 });
    const pool = poolsOf(dataSource).master;
    const acquired = once(pool, 'acquire') as Promise<[PoolClient]>;
    const read = readQuery(dataSource, 'SELECT pg_sleep(60)').catch((error: unknown) => error);
    const [client] = await acquired;
    // What a network failure looks like to pg: its socket fails with no word from PostgreSQL,
    // and the client emits 'error' while the read holds it.
    const socket = (client as unknown as { connection: { stream: { destroy(e: Error): void } } })
      .connection.stream;
    socket.destroy(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));

    expect(await read).toBeInstanceOf(QueryFailedError);
    const rows = await readQuery<{ one: number }>(dataSource, 'SELECT 1 AS one');
    expect(rows).toEqual([{ one: 1 }]);
    expect(pool.totalCount).toBe(1);
  });

  it("sends reads to a read replica's pool when there are replicas", async () => {
    const { dataSource } = await open({ poolMax: 2, replica: true });
    const { master, slaves } = poolsOf(dataSource);
    expect(slaves).toHaveLength(1);
    const taken = { master: 0, replica: 0 };
    master.on('acquire', () => (taken.master += 1));
    slaves[0]!.on('acquire', () => (taken.replica += 1));

    await readQuery(dataSource, 'SELECT 1', [], { prepareAs: 'probe_replica' });
    await readQuery(dataSource, 'SELECT 2');
    expect(taken).toEqual({ master: 0, replica: 2 });
  });

  it("hands back its rows in an array of its own and leaves none in pg's result", async () => {
    // Under load pg's result stayed reachable for young collections after the request had
    // ended, so every row it still held (an article page's parsed document) was promoted to
    // the old generation (README "Round eight: what the uncached API promotes").
    const { dataSource } = await open({ poolMax: 1 });
    const pgResults: Array<Promise<QueryResult>> = [];
    poolsOf(dataSource).master.on('acquire', (client: PoolClient) => {
      const query = client.query.bind(client) as (config: QueryConfig) => Promise<QueryResult>;
      (client as unknown as { query: typeof query }).query = (config) => {
        const result = query(config);
        pgResults.push(result);
        return result;
      };
    });
    const rows = await readQuery<{ doc: { n: number } }>(
      dataSource,
      "SELECT json_build_object('n', n) AS doc FROM generate_series(1, 3) AS n",
      [],
      { prepareAs: 'probe_documents' },
    );
    expect(rows).toEqual([{ doc: { n: 1 } }, { doc: { n: 2 } }, { doc: { n: 3 } }]);
    expect(pgResults).toHaveLength(1);
    const pgResult = await pgResults[0]!;
    expect(pgResult.rowCount).toBe(3);
    expect(pgResult.rows).toEqual([]);
    expect(pgResult.rows).not.toBe(rows);
  });

  it("lets young collections free a finished read's rows", async () => {
    // pg's query() promise and its query timeout both give pg's query object its callback after
    // making it, and a query so made kept its result's rows through young collections after the
    // read had ended (a plain Client's callback API does not). Forty reads of a 1,000-object
    // document here, each round started on an empty young generation; two young collections
    // then promote whatever is still held. Measured against the same reads' rows held on
    // purpose, the reads may leave behind a quarter of it at most (all of it before).
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as (options?: { type: 'minor' | 'major' }) => void;
    const { dataSource } = await open({ poolMax: 4 });
    const sql = `SELECT (SELECT json_agg(json_build_object('n', n, 'text', repeat('x', 20)))
                           FROM generate_series(1, 1000) AS n) AS doc, $1::int AS k`;
    const read = (k: number) => readQuery(dataSource, sql, [k], { prepareAs: 'probe_document' });
    for (let k = 0; k < 8; k++) await read(k);
    const promotedBy = async (keep: boolean) => {
      gc();
      const before = oldGenerationBytes();
      const kept: unknown[] = [];
      for (let round = 0; round < 10; round++) {
        gc({ type: 'minor' });
        const rows = await Promise.all([1, 2, 3, 4].map(read));
        if (keep) kept.push(rows);
      }
      gc({ type: 'minor' });
      gc({ type: 'minor' });
      return oldGenerationBytes() - before;
    };
    const left = await promotedBy(false);
    // Last: rows that survive young collections teach V8 to allocate the next ones old.
    const held = await promotedBy(true);
    expect(held).toBeGreaterThan(2 ** 21);
    expect(left).toBeLessThan(held / 4);
  });
});

/** Bytes used outside the young generation. */
function oldGenerationBytes(): number {
  return getHeapSpaceStatistics()
    .filter((space) => !space.space_name.startsWith('new_'))
    .reduce((sum, space) => sum + space.space_used_size, 0);
}
