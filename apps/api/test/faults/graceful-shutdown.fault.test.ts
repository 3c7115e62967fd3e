import { Client } from 'pg';
import {
  controlledPostgres,
  FORWARDING_SECRET,
  graphqlPost,
  startApi,
  type ControlledPostgres,
} from './harness';

let postgres: ControlledPostgres;

beforeAll(async () => {
  postgres = await controlledPostgres();
});
afterAll(async () => {
  await postgres?.exit();
});

const SUBMIT = 'mutation ($input: SubmitReportInput!) { submitReport(input: $input) { receipt } }';

it('on SIGTERM finishes in-flight reports, loses none it acknowledged, and exits 0', async () => {
  const api = await startApi({ DATABASE_URL: postgres.url, SHUTDOWN_DRAIN_SECONDS: '10' });

  const inFlight = Array.from({ length: 50 }, (_, i) =>
    graphqlPost(
      api.url,
      SUBMIT,
      {
        input: {
          articleSlug: 'a-field-guide-to-urban-foxes',
          reason: 'SPAM',
          idempotencyKey: `shutdown-key-${i}`,
        },
      },
      {
        'x-folio-reader-address': `198.51.100.${i}`,
        'x-folio-forwarding-secret': FORWARDING_SECRET,
      },
    ).then(
      (response) => ({
        receipt: response.body.data?.submitReport?.receipt as string | undefined,
        errors: response.body.errors,
      }),
      () => ({ receipt: undefined, errors: undefined }), // refused once the server stopped accepting
    ),
  );
  // Once the first report is answered the server is taking the others: ask it to stop while
  // they are being handled. (A fixed sleep could fire before any request arrived on a loaded
  // machine, and then no receipt would come back at all.)
  await Promise.race(inFlight);
  api.process.kill('SIGTERM');

  const outcomes = await Promise.all(inFlight);
  expect(await api.exited).toBe(0);
  // Every request the server took was answered in full: no errors from a half-stopped server.
  expect(outcomes.filter((outcome) => outcome.errors)).toEqual([]);
  const receipts = outcomes.flatMap((outcome) => (outcome.receipt ? [outcome.receipt] : []));
  expect(receipts.length).toBeGreaterThan(0);

  const client = new Client({ connectionString: postgres.url });
  await client.connect();
  const { rows } = await client.query('SELECT receipt FROM reports WHERE receipt = ANY($1)', [
    receipts,
  ]);
  await client.end();
  expect(rows.map((row) => row.receipt).sort()).toEqual([...receipts].sort());
});
