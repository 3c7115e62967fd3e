import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { Webhook } from 'standardwebhooks';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import type { Logger } from '../../logger.js';
import { announceDuePublications } from './due-publications.js';
import type { EndpointPolicy } from './endpoint-policy.js';
import { nextAttemptDelayMs } from './retry-schedule.js';
import { WEBHOOK_DELIVERIES_CHANNEL } from './webhook-outbox.js';
import { sendWebhook, type SendOutcome } from './webhook-sender.js';

export type Clock = () => Date;

export interface WebhookWorkerOptions {
  policy: EndpointPolicy;
  timeoutMs: number;
  /** How often to look for due retries when nothing wakes the worker. */
  pollMs: number;
  /**
   * How long a claim lasts. A worker that dies mid-delivery holds its claims this long; then
   * any worker takes them again (at-least-once). Longer than a request may take.
   */
  leaseMs?: number;
  batchSize?: number;
  /** For scheduling retries and leases; tests move it instead of waiting. */
  clock?: Clock;
  random?: () => number;
}

interface ClaimedDelivery {
  id: string;
  attempts: number;
  event_id: string;
  payload: unknown;
  endpoint_id: string;
  url: string;
  secret: string;
}

/**
 * Delivers the outbox. Any number of API processes run one: each claims due deliveries with
 * FOR UPDATE SKIP LOCKED and a lease (so none is sent twice at once, and none is lost when a
 * process dies mid-delivery), POSTs them signed, and records the outcome only if it still holds
 * the lease. Wakes on NOTIFY from the outbox, or every `pollMs` for retries coming due, and
 * each round first announces scheduled articles that have fallen due (due-publications.ts).
 */
export class WebhookWorker {
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly aborter = new AbortController();
  private listener: PoolClient | null = null;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly released = new WeakSet<PoolClient>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: WebhookWorkerOptions,
    private readonly logger: Logger,
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.random = options.random ?? Math.random;
    // Twice the request timeout and a margin: a live worker has recorded its outcome by then.
    this.leaseMs = options.leaseMs ?? options.timeoutMs * 2 + 5_000;
    this.batchSize = options.batchSize ?? 10;
  }

  async start(): Promise<void> {
    await this.listen();
    this.wake();
  }

  /** Stops claiming, aborts requests in flight and releases their claims for another worker. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.aborter.abort();
    await this.running;
    const client = this.listener;
    this.listener = null;
    if (client) {
      await client.query(`UNLISTEN ${WEBHOOK_DELIVERIES_CHANNEL}`).catch(() => undefined);
      this.releaseListener(client);
    }
  }

  /**
   * Gives the listening connection back exactly once. When the database goes away as the
   * process stops (Ctrl-C on `npm start` stops both), the connection's error event and stop()
   * both reach here, and pg throws on a second release.
   */
  private releaseListener(client: PoolClient, error?: Error): void {
    if (this.released.has(client)) return;
    this.released.add(client);
    client.release(error);
  }

  /**
   * Announces scheduled articles that have fallen due, then claims and delivers one batch of
   * due deliveries; returns how many deliveries it handled.
   */
  async runOnce(): Promise<number> {
    await announceDuePublications(this.dataSource, this.clock());
    const leaseId = randomUUID();
    const claimed = await this.claim(leaseId);
    await Promise.all(claimed.map((delivery) => this.deliver(delivery, leaseId)));
    return claimed.length;
  }

  /** Runs batches until none is due; a wake-up meanwhile runs it again. */
  private wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.wake();
      } else if (!this.stopped) {
        this.timer = setTimeout(() => this.wake(), this.options.pollMs);
        this.timer.unref();
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (!this.stopped && (await this.runOnce()) === this.batchSize);
    } catch (error) {
      this.logger.warn({ err: error }, 'webhook delivery round failed; retrying at the next poll');
    }
  }

  private async listen(): Promise<void> {
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    try {
      const client = await pool.connect();
      client.on('notification', () => this.wake());
      client.on('error', (error) => {
        // The poll still finds everything; only the prompt wake-up is lost until a reconnect.
        this.logger.warn({ err: error }, 'webhook notifications lost; polling');
        if (this.listener === client) this.listener = null;
        this.releaseListener(client, error);
        if (!this.stopped) setTimeout(() => void this.listen(), this.options.pollMs).unref();
      });
      await client.query(`LISTEN ${WEBHOOK_DELIVERIES_CHANNEL}`);
      this.listener = client;
    } catch (error) {
      this.logger.warn({ err: error }, 'could not listen for webhook events; polling');
    }
  }

  private async claim(leaseId: string): Promise<ClaimedDelivery[]> {
    const now = this.clock();
    // A SELECT over the UPDATE, so the driver answers with the rows themselves.
    return this.dataSource.query(
      `WITH due AS (
         SELECT d.id FROM webhook_deliveries d
           JOIN webhook_endpoints endpoint ON endpoint.id = d.endpoint_id AND endpoint.enabled
          WHERE d.status = 'pending' AND d.next_attempt_at <= $1
            AND (d.lease_until IS NULL OR d.lease_until <= $1)
          ORDER BY d.next_attempt_at
          LIMIT $2
            FOR UPDATE OF d SKIP LOCKED),
       claimed AS (
         UPDATE webhook_deliveries d
            SET lease_id = $3, lease_until = $4, attempts = d.attempts + 1, updated_at = now()
           FROM due, webhook_events event, webhook_endpoints endpoint
          WHERE d.id = due.id AND event.id = d.event_id AND endpoint.id = d.endpoint_id
         RETURNING d.id, d.attempts, event.id AS event_id, event.payload,
                   endpoint.id AS endpoint_id, endpoint.url, endpoint.secret)
       SELECT * FROM claimed`,
      [now, this.batchSize, leaseId, new Date(now.getTime() + this.leaseMs)],
    );
  }

  private async deliver(delivery: ClaimedDelivery, leaseId: string): Promise<void> {
    const body = JSON.stringify(delivery.payload);
    // The same id on every attempt, so receivers can drop duplicates (at-least-once delivery).
    const messageId = `msg_${delivery.event_id}`;
    // The signature's timestamp is the real moment of sending: receivers check it against
    // their own clocks to refuse replays.
    const sentAt = new Date();
    const signature = new Webhook(delivery.secret).sign(messageId, sentAt, body);
    const outcome = await sendWebhook(
      delivery.url,
      {
        'webhook-id': messageId,
        'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
        'webhook-signature': signature,
      },
      body,
      {
        timeoutMs: this.options.timeoutMs,
        policy: this.options.policy,
        signal: this.aborter.signal,
      },
    );
    try {
      if (this.aborter.signal.aborted && outcome.status === null)
        await this.release(delivery, leaseId);
      else await this.record(delivery, leaseId, outcome);
    } catch (error) {
      // The claim lapses by itself and the delivery is tried again: nothing is lost.
      this.logger.warn({ err: error, delivery: delivery.id }, 'could not record a webhook outcome');
    }
  }

  private async record(delivery: ClaimedDelivery, leaseId: string, outcome: SendOutcome) {
    const now = this.clock();
    const held = 'id = $1 AND lease_id = $2';
    if (outcome.error === null) {
      await this.dataSource.query(
        `UPDATE webhook_deliveries SET status = 'delivered', delivered_at = $3, response_status = $4,
                last_error = NULL, lease_id = NULL, lease_until = NULL, updated_at = now()
          WHERE ${held}`,
        [delivery.id, leaseId, now, outcome.status],
      );
      return;
    }
    if (outcome.status === 410) {
      await this.gone(delivery, leaseId);
      return;
    }
    const delay = nextAttemptDelayMs(delivery.attempts, this.random);
    await this.dataSource.query(
      `UPDATE webhook_deliveries SET status = $3, next_attempt_at = $4, response_status = $5,
              last_error = $6, lease_id = NULL, lease_until = NULL, updated_at = now()
        WHERE ${held}`,
      [
        delivery.id,
        leaseId,
        delay === null ? 'failed' : 'pending',
        delay === null ? now : new Date(now.getTime() + delay),
        outcome.status,
        outcome.error,
      ],
    );
    this.logger.info(
      {
        delivery: delivery.id,
        attempts: delivery.attempts,
        error: outcome.error,
        retryInMs: delay,
      },
      delay === null ? 'webhook delivery failed for good' : 'webhook delivery failed; will retry',
    );
  }

  /** 410 Gone: the receiver asks not to be called again; the endpoint is disabled. */
  private async gone(delivery: ClaimedDelivery, leaseId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE webhook_endpoints SET enabled = false, updated_at = now(),
                disabled_reason = 'The receiver answered 410 Gone.'
          WHERE id = $1`,
        [delivery.endpoint_id],
      );
      await manager.query(
        `UPDATE webhook_deliveries SET status = 'failed', response_status = 410,
                last_error = 'HTTP 410: endpoint disabled', lease_id = NULL, lease_until = NULL,
                updated_at = now()
          WHERE (id = $1 AND lease_id = $2) OR (endpoint_id = $3 AND status = 'pending' AND id <> $1)`,
        [delivery.id, leaseId, delivery.endpoint_id],
      );
    });
    this.logger.warn({ endpoint: delivery.endpoint_id }, 'webhook endpoint gone (410); disabled');
  }

  /** Stopping: give the claim back (and the attempt) so another worker sends it now. */
  private async release(delivery: ClaimedDelivery, leaseId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_deliveries SET lease_id = NULL, lease_until = NULL,
              attempts = attempts - 1, updated_at = now()
        WHERE id = $1 AND lease_id = $2`,
      [delivery.id, leaseId],
    );
  }
}
