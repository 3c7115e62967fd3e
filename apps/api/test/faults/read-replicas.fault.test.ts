import { Client } from 'pg';
import {
  controlledPostgres,
  graphqlPost,
  startApi,
  type ControlledPostgres,
  type RunningApi,
} from './harness';

// Two PostgreSQL instances stand in for a primary and a read replica. They are not really
// replicating, which is the point: what the API reads shows which one it asked.

let primary: ControlledPostgres;
let replica: ControlledPostgres;
let api: RunningApi;

async function sql(url: string, text: string, values: unknown[] = []) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  [primary, replica] = await Promise.all([controlledPostgres(), controlledPostgres()]);
  // The replica gets the schema and the sample content as a real one would have them…
  const seeder = await startApi({ DATABASE_URL: replica.url });
  await seeder.stop();
  // …then the API runs on the primary (migrated, no content) with the replica for reads.
  api = await startApi({
    DATABASE_URL: primary.url,
    DATABASE_READ_URLS: replica.url,
    SEED_CONTENT_DIR: '',
  });
});
afterAll(async () => {
  await api?.stop();
  await Promise.all([primary?.exit(), replica?.exit()]);
});

it('reads from the replica and writes to the primary', async () => {
  const [{ n: primaryArticles }] = await sql(
    primary.url,
    'SELECT count(*)::int AS n FROM articles',
  );
  expect(primaryArticles).toBe(0);

  const read = await graphqlPost(
    api.url,
    '{ articles(first: 2) { totalCount } search(query: "foxes") { totalCount } tags { name } }',
  );
  expect(read.body.errors).toBeUndefined();
  expect(read.body.data.articles.totalCount).toBeGreaterThanOrEqual(8);
  expect(read.body.data.search.totalCount).toBeGreaterThan(0);
  expect(read.body.data.tags.length).toBeGreaterThan(0);

  // A write goes to the primary: the article to report exists only on the replica, so the
  // primary refuses it, which it could not do if the write had gone to the replica.
  const write = await graphqlPost(
    api.url,
    'mutation { submitReport(input: { articleSlug: "a-field-guide-to-urban-foxes", reason: SPAM, idempotencyKey: "replica-key-1" }) { receipt } }',
  );
  expect(write.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  const [{ n: replicaReports }] = await sql(replica.url, 'SELECT count(*)::int AS n FROM reports');
  expect(replicaReports).toBe(0);
});
