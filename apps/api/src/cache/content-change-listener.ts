import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import type { Logger } from '../logger.js';
import type { ContentVersion } from './content-version.js';

export const CONTENT_CHANGED_CHANNEL = 'folio_content_changed';
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 30_000;
/** setTimeout's ceiling is ~24.8 days; look again well before that. */
const SCHEDULE_LOOKAHEAD_MS = 60 * 60 * 1000;

/**
 * Keeps a ContentVersion honest about changes this process did not make:
 * - LISTENs for `folio_content_changed` (a trigger on the content tables) on the primary, so
 *   other API instances' edits, the import CLI and manual SQL all invalidate;
 * - bumps when the next scheduled article falls due, because that changes what readers see
 *   without any write at all.
 * While the connection is down the version is marked untrusted (caches bypassed) and the
 * listener reconnects with backoff; reconnecting bumps, since notifications may have been missed.
 */
export class ContentChangeListener {
  private client: PoolClient | null = null;
  private retryMs = RETRY_MIN_MS;
  private retryTimer: NodeJS.Timeout | undefined;
  private scheduleTimer: NodeJS.Timeout | undefined;
  private scheduling: Promise<void> | null = null;
  private rescheduleAgain = false;
  private stopped = false;
  private readonly released = new WeakSet<PoolClient>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly dataSource: DataSource,
    private readonly version: ContentVersion,
    private readonly logger: Logger,
  ) {
    this.unsubscribe = version.onBump(() => this.reschedule());
  }

  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe();
    clearTimeout(this.retryTimer);
    clearTimeout(this.scheduleTimer);
    await this.scheduling;
    const client = this.client;
    this.client = null;
    if (client) {
      await client.query(`UNLISTEN ${CONTENT_CHANGED_CHANNEL}`).catch(() => undefined);
      // Released here once and for all: an error the connection reports later (the database
      // going away after we stopped) must not release it a second time, which pg throws on.
      if (this.released.has(client)) return;
      this.released.add(client);
      client.removeAllListeners('notification');
      client.release();
    }
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    // The primary: notifications are raised where the writes happen, never on replicas.
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    let client: PoolClient | undefined;
    try {
      client = await pool.connect();
      client.on('notification', () => this.version.bump());
      client.on('error', (error) => this.lost(client!, error));
      await client.query(`LISTEN ${CONTENT_CHANGED_CHANNEL}`);
      this.client = client;
      this.retryMs = RETRY_MIN_MS;
      const wasUntrusted = !this.version.trusted;
      this.version.trusted = true;
      // Changes made while we were not listening are unknown: start over. The bump also
      // schedules the next publication check.
      if (wasUntrusted) this.version.bump();
      else this.reschedule();
    } catch (error) {
      if (client) this.lost(client, error as Error);
      else this.retry(error as Error);
    }
  }

  private lost(client: PoolClient, error: Error): void {
    // The error event and a failing query can both report the same broken connection.
    if (this.released.has(client)) return;
    this.released.add(client);
    if (this.client === client) this.client = null;
    client.removeAllListeners('notification');
    client.release(error);
    this.retry(error);
  }

  private retry(error: Error): void {
    this.version.trusted = false;
    if (this.stopped) return;
    this.logger.warn(
      { err: error, retryInMs: this.retryMs },
      'content change notifications lost; caches bypassed until they are back',
    );
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.connect(), this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }

  /** Sets a timer for the next scheduled article to fall due; coalesces bursts of bumps. */
  private reschedule(): void {
    if (this.stopped) return;
    if (this.scheduling) {
      this.rescheduleAgain = true;
      return;
    }
    this.scheduling = this.scheduleNext().finally(() => {
      this.scheduling = null;
      if (this.rescheduleAgain) {
        this.rescheduleAgain = false;
        this.reschedule();
      }
    });
  }

  private async scheduleNext(): Promise<void> {
    const client = this.client;
    if (!client) return;
    try {
      const { rows } = await client.query<{ due_in_ms: number | null }>(
        `SELECT (extract(epoch FROM min(published_at) - now()) * 1000)::float8 AS due_in_ms
           FROM articles
          WHERE status IN ('published', 'scheduled') AND published_at > now()`,
      );
      const dueInMs = rows[0]?.due_in_ms;
      clearTimeout(this.scheduleTimer);
      if (dueInMs === null || dueInMs === undefined || this.stopped) return;
      const wait = Math.min(Math.max(Math.ceil(dueInMs), 0) + 1, SCHEDULE_LOOKAHEAD_MS);
      this.scheduleTimer = setTimeout(() => this.version.bump(), wait);
      this.scheduleTimer.unref();
    } catch (error) {
      // A broken connection is handled by its error event; the reconnect reschedules.
      this.logger.warn({ err: error }, 'could not look up the next scheduled article');
    }
  }
}
