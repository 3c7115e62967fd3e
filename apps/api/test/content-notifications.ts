import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Listens to PostgreSQL's `folio_content_changed` channel beside the API. `since()` sends a
 * barrier notification and resolves, once it is back, with every payload that arrived before
 * it: PostgreSQL delivers notifications in commit order, so nothing committed earlier can still
 * be on its way. No waiting on timers.
 */
export async function watchContentNotifications(dataSource: DataSource) {
  const url = (dataSource.options as { url: string }).url;
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query('LISTEN folio_content_changed');
  let payloads: string[] = [];
  let waiting: { barrier: string; resolve: (seen: string[]) => void } | null = null;
  client.on('notification', ({ payload = '' }) => {
    if (waiting && payload === waiting.barrier) {
      const seen = payloads;
      payloads = [];
      waiting.resolve(seen);
      waiting = null;
    } else payloads.push(payload);
  });
  return {
    /** Payloads (table names) notified since the last call. */
    async since(): Promise<string[]> {
      const barrier = `barrier-${randomUUID()}`;
      const seen = new Promise<string[]>((resolve) => (waiting = { barrier, resolve }));
      await dataSource.query(`SELECT pg_notify('folio_content_changed', $1)`, [barrier]);
      return seen;
    },
    close: () => client.end(),
  };
}
