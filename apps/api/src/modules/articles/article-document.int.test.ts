import { Client } from 'pg';
import { GraphQLDateTime } from '../../graphql/date-time.scalar.js';
import { createTestDatabase, type TestDatabase } from '../../../test/test-database.js';
import { instantJsonSql } from './article-document.js';

let database: TestDatabase;
let client: Client;

beforeAll(async () => {
  database = await createTestDatabase();
  client = new Client({
    connectionString: (database.dataSource.options as { url: string }).url,
  });
  await client.connect();
});

afterAll(async () => {
  await client.end();
  await database.drop();
});

/** What the DateTime scalar answers for a document's timestamp, or the error it raises. */
function answered(value: number | string | null): unknown {
  if (value === null) return null;
  try {
    return GraphQLDateTime.serialize(new Date(value));
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

// Instants a test can name: the ends of the range, the edges of the numeric form, fractions
// that round the wrong way if truncated as a float, before and after 1970, a leap day.
const EDGES = [
  '4713-01-01 00:00:00+00 BC',
  '0001-01-01 00:00:00+00 BC',
  '0001-01-01 00:00:00+00',
  '0001-12-31 23:59:59.999999+00',
  '0002-01-01 00:00:00+00',
  '0999-12-31 23:59:59.9995+00',
  '1000-01-01 00:00:00+00',
  '1969-12-31 23:59:59.999999+00',
  '1969-12-31 23:59:59.0005+00',
  '1970-01-01 00:00:00+00',
  '1970-01-01 00:00:00.000999+00',
  '2000-02-29 12:34:56.789012+00',
  '2020-01-05 10:00:00+00',
  '2026-11-27 11:44:12.345678+00',
  '9998-12-31 23:59:59.999999+00',
  '9999-01-01 00:00:00+00',
  '9999-12-31 23:59:59.999999+00',
  '10000-01-01 00:00:00+00',
  '294276-12-31 23:59:59.999999+00',
  'infinity',
  '-infinity',
];

// Zones with odd offsets (half and quarter hours, local mean time before 1900), and UTC.
const ZONES = ['UTC', 'America/St_Johns', 'Asia/Kathmandu', 'Pacific/Chatham', 'Europe/Amsterdam'];

describe('instantJsonSql', () => {
  it.each(ZONES)(
    "gives every timestamp the same DateTime answer as PostgreSQL's text did (TimeZone %s)",
    async (zone) => {
      await client.query(`SET TimeZone = '${zone}'`);
      await client.query('SELECT setseed(0.15)');
      // 10,000 instants at random over the whole range PostgreSQL holds (4713 BC to 294276),
      // 10,000 over 1900-2100 where articles live, each to the microsecond, and the edges.
      const { rows } = await client.query<{
        text: string | null;
        instant: number | string | null;
        ordinary: boolean | null;
      }>(
        `WITH instants AS (
           SELECT timestamptz '4713-01-01 00:00:00+00 BC'
                  + make_interval(days => floor(random() * 1.09e8)::int, secs => random() * 86400) AS t
             FROM generate_series(1, 10000)
           UNION ALL
           SELECT timestamptz '1900-01-01 00:00:00+00'
                  + make_interval(days => floor(random() * 73000)::int, secs => random() * 86400)
             FROM generate_series(1, 10000)
           UNION ALL
           SELECT edge::timestamptz FROM unnest($1::text[]) AS edge
           UNION ALL
           SELECT NULL
         )
         SELECT to_json(t) AS text, ${instantJsonSql('t')} AS instant,
                t >= '1950-01-01Z' AND t < '9999-01-01Z' AS ordinary
           FROM instants`,
        [EDGES],
      );
      expect(rows).toHaveLength(20_000 + EDGES.length + 1);
      const differing = rows.filter((row) => answered(row.text) !== answered(row.instant));
      expect(differing).toEqual([]);
      // the fast form is what articles get: a number for every date from 1950 to 9998
      const ordinary = rows.filter((row) => row.ordinary);
      expect(ordinary.length).toBeGreaterThan(7_000);
      expect(ordinary.filter((row) => typeof row.instant !== 'number')).toEqual([]);
    },
  );

  it('answers the exact instant of ordinary dates, to the millisecond', async () => {
    await client.query(`SET TimeZone = 'Asia/Kathmandu'`);
    const { rows } = await client.query<{ instant: number }>(
      `SELECT ${instantJsonSql(`timestamptz '1969-12-31 23:59:59.9995+00'`)} AS instant
       UNION ALL
       SELECT ${instantJsonSql(`timestamptz '2026-11-27 11:44:12.345678+00'`)}`,
    );
    expect(rows.map((row) => answered(row.instant))).toEqual([
      '1969-12-31T23:59:59.999Z',
      '2026-11-27T11:44:12.345Z',
    ]);
  });
});
