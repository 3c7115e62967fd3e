import { Client } from 'pg';
import { GraphQLDateTime } from '../../graphql/date-time.scalar.js';
import { createTestDatabase, type TestDatabase } from '../../../test/test-database.js';
import { documentDate } from './document-date.js';

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

/** What the API answers for a date (the DateTime scalar's text), or the error it raises. */
function answered(date: Date): string {
  try {
    return GraphQLDateTime.serialize(date) as string;
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

/** documentDate against `new Date(text)`: the texts whose instant or answer differ. */
function differing(texts: string[]) {
  return texts
    .map((text) => ({ text, ours: documentDate(text), dates: new Date(text) }))
    .filter(
      ({ ours, dates }) =>
        !Object.is(ours.getTime(), dates.getTime()) || answered(ours) !== answered(dates),
    )
    .map(({ text, ours, dates }) => ({ text, ours: ours.getTime(), dates: dates.getTime() }));
}

// Instants a test can name: the ends of the range, years around the edges of the fast path,
// fractions that must be cut and not rounded, before and after 1970, leap days.
const EDGES = [
  '4713-01-01 00:00:00+00 BC',
  '0001-01-01 00:00:00+00 BC',
  '0001-01-01 00:00:00+00',
  '0099-12-31 23:59:59.999999+00',
  '0999-12-31 23:59:59.9995+00',
  '1000-01-01 00:00:00+00',
  '1969-12-31 23:59:59.999999+00',
  '1969-12-31 23:59:59.0005+00',
  '1970-01-01 00:00:00+00',
  '1970-01-01 00:00:00.000999+00',
  '2000-02-29 12:34:56.789012+00',
  '2020-01-05 10:00:00+00',
  '2020-01-05 10:00:00.5+00',
  '2026-11-27 11:44:12.345678+00',
  '9999-12-31 23:59:59.999999+00',
  '10000-01-01 00:00:00+00',
  '294276-12-31 23:59:59.999999+00',
  'infinity',
  '-infinity',
];

// Zones with odd offsets (half and quarter hours, local mean time with seconds before 1900),
// one west of Greenwich, and UTC.
const ZONES = ['UTC', 'America/St_Johns', 'Asia/Kathmandu', 'Pacific/Chatham', 'Europe/Amsterdam'];

describe('documentDate', () => {
  it.each(ZONES)(
    'reads every timestamp PostgreSQL writes into JSON as new Date() does (TimeZone %s)',
    async (zone) => {
      await client.query(`SET TimeZone = '${zone}'`);
      await client.query('SELECT setseed(0.15)');
      // 10,000 instants at random over the whole range PostgreSQL holds (4713 BC to 294276),
      // 10,000 over 1900-2100 where articles live, each to the microsecond, and the edges;
      // written by json_build_object, as the article documents are.
      const { rows } = await client.query<{ document: { at: string } | null }>(
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
         )
         SELECT json_build_object('at', t) AS document FROM instants`,
        [EDGES],
      );
      const texts = rows.map((row) => row.document!.at);
      expect(texts).toHaveLength(20_000 + EDGES.length);
      expect(differing(texts)).toEqual([]);
    },
  );

  it('gives the exact instant, the fraction cut to the millisecond', () => {
    expect(documentDate('1969-12-31T23:59:59.9995+00:00').toISOString()).toBe(
      '1969-12-31T23:59:59.999Z',
    );
    expect(documentDate('2026-11-27T17:29:12.345678+05:45').toISOString()).toBe(
      '2026-11-27T11:44:12.345Z',
    );
    expect(documentDate('2026-11-27T08:14:12.3-03:30').toISOString()).toBe(
      '2026-11-27T11:44:12.300Z',
    );
  });

  it('leaves every other shape to new Date(), including the ones it cannot read', () => {
    const texts = [
      '2020-02-30T00:00:00+00:00', // Date.UTC and V8 both roll over to 1 March
      '2020-01-01T24:00:00+00:00',
      '2020-01-01T10:00:00+24:00',
      '2020-13-01T10:00:00+00:00',
      '2020-01-01T10:00:00.1234567+00:00',
      '2020-01-01T10:00:00.+00:00',
      '2020-01-01T10:00:00+05:45:30',
      '2020-01-01T10:00:00Z',
      '2020-01-01 10:00:00+00:00',
      '0050-01-01T00:00:00+00:00',
      '0001-01-01T00:00:00+00:00 BC',
      '12020-01-01T00:00:00+00:00',
      '２０２０-01-01T00:00:00+00:00',
      'infinity',
      '',
    ];
    expect(differing(texts)).toEqual([]);
  });
});
