import { formatContentVersionEvent, parseContentChangeAck } from '@folio/contract';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Logger } from '../logger.js';
import { fromReaderSite } from '../http/forwarded-identity.js';
import type { ContentVersion } from './content-version.js';

/** Enough for every reader instance; more open streams than this are refused. */
const MAX_STREAMS = 100;
/** Comment lines keep idle proxies from closing the stream. */
const HEARTBEAT_MS = 15_000;
/** How long a content mutation waits for subscribers to confirm they purged. */
export const ACKNOWLEDGE_TIMEOUT_MS = 2_000;

interface Subscriber {
  id: string;
  stream: Response;
  /** The newest version this subscriber has confirmed it acted on. */
  acknowledged: number;
}

interface Waiter {
  version: number;
  pending: Set<Subscriber>;
  done: () => void;
}

/**
 * `GET /content-changes`: a server-sent event stream of this API's content version, so the
 * reader can keep a page cache and drop it the moment content changes. Each event is
 * `{ instance, version, trusted, subscriber }`: a reader that sees a new instance or version
 * purges, then confirms with `POST /content-changes/ack { subscriber, version }`; one that sees
 * `trusted: false` (this API may be missing changes) stops caching until it is true.
 *
 * A content mutation is answered only once every subscriber has confirmed (settled()), so no
 * reader serves the old page after an editor or moderator has been told "done". A subscriber
 * that does not confirm in time is cut off, which turns its cache off.
 */
export class ContentChangeStream {
  /** Distinguishes this process: after a restart the version starts again from 0. */
  private readonly instance = randomUUID();
  private readonly subscribers = new Map<string, Subscriber>();
  private readonly waiters = new Set<Waiter>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly unsubscribe: Array<() => void>;

  /**
   * @param forwardingSecret when set (as in production), only the reader site, which holds it,
   *   may subscribe: the streams are few, and a stranger must not be able to use them up.
   */
  constructor(
    private readonly version: ContentVersion,
    private readonly forwardingSecret: string | undefined,
    private readonly logger: Logger,
  ) {
    this.unsubscribe = [
      version.onBump(() => this.broadcast()),
      version.onTrustChange(() => this.broadcast()),
    ];
    this.heartbeat = setInterval(() => {
      for (const { stream } of this.subscribers.values()) stream.write(': heartbeat\n\n');
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  subscribe = (req: Request, res: Response): void => {
    if (!this.fromReader(req, res)) return;
    if (this.subscribers.size >= MAX_STREAMS) {
      res.status(503).set('Retry-After', '30').json({ error: 'too many content change streams' });
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      // Tells a buffering proxy (nginx) to pass events straight through.
      'X-Accel-Buffering': 'no',
    });
    const subscriber = { id: randomUUID(), stream: res, acknowledged: this.version.current };
    this.subscribers.set(subscriber.id, subscriber);
    res.write(this.event(subscriber));
    req.on('close', () => this.drop(subscriber));
  };

  acknowledge = (req: Request, res: Response): void => {
    if (!this.fromReader(req, res)) return;
    const ack = parseContentChangeAck(req.body);
    const subscriber = ack ? this.subscribers.get(ack.subscriber) : undefined;
    if (!ack || !subscriber) {
      res.status(404).json({ error: 'no such subscriber' });
      return;
    }
    subscriber.acknowledged = Math.max(subscriber.acknowledged, ack.version);
    for (const waiter of this.waiters) {
      if (subscriber.acknowledged >= waiter.version) this.release(waiter, subscriber);
    }
    res.status(204).end();
  };

  /**
   * Resolves once every subscriber has confirmed the current version, or after the timeout,
   * when those that have not are cut off (their caches go off as their stream ends).
   */
  settled(timeoutMs = ACKNOWLEDGE_TIMEOUT_MS): Promise<void> {
    const version = this.version.current;
    const pending = new Set(
      [...this.subscribers.values()].filter((subscriber) => subscriber.acknowledged < version),
    );
    if (pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        for (const subscriber of pending) {
          this.logger.warn(
            { subscriber: subscriber.id, version },
            'a reader did not confirm a content change in time; its stream is closed',
          );
          subscriber.stream.end();
          this.drop(subscriber);
        }
      }, timeoutMs);
      const waiter: Waiter = {
        version,
        pending,
        done: () => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve();
        },
      };
      this.waiters.add(waiter);
    });
  }

  /** Ends every stream, so a draining server is not held open by readers' subscriptions. */
  closeAll(): void {
    clearInterval(this.heartbeat);
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    for (const subscriber of [...this.subscribers.values()]) {
      subscriber.stream.end();
      this.drop(subscriber);
    }
  }

  private fromReader(req: Request, res: Response): boolean {
    if (!this.forwardingSecret || fromReaderSite(req, this.forwardingSecret)) return true;
    res.status(401).json({ error: 'content change streams are for the reader site' });
    return false;
  }

  private drop(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber.id);
    for (const waiter of this.waiters) this.release(waiter, subscriber);
  }

  private release(waiter: Waiter, subscriber: Subscriber): void {
    waiter.pending.delete(subscriber);
    if (waiter.pending.size === 0) waiter.done();
  }

  private broadcast(): void {
    for (const subscriber of this.subscribers.values())
      subscriber.stream.write(this.event(subscriber));
  }

  private event(subscriber: Subscriber): string {
    return formatContentVersionEvent({
      instance: this.instance,
      version: this.version.current,
      trusted: this.version.trusted,
      subscriber: subscriber.id,
    });
  }
}
