import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { fromReaderSite } from '../modules/reports/reporter-identity.js';
import type { ContentVersion } from './content-version.js';

/** Enough for every reader instance; more open streams than this are refused. */
const MAX_STREAMS = 100;
/** Comment lines keep idle proxies from closing the stream. */
const HEARTBEAT_MS = 15_000;

/**
 * `GET /content-changes`: a server-sent event stream of this API's content version, so the
 * reader can keep a page cache and drop it the moment content changes. Each event is
 * `{ instance, version, trusted }`; a reader that sees a new instance or version purges, and one
 * that sees `trusted: false` (this API may be missing changes) stops caching until it is true.
 * The event is written when the version is bumped, which for a mutation is before the mutation
 * is answered.
 */
export class ContentChangeStream {
  /** Distinguishes this process: after a restart the version starts again from 0. */
  private readonly instance = randomUUID();
  private readonly streams = new Set<Response>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly unsubscribe: Array<() => void>;

  /**
   * @param forwardingSecret when set (as in production), only the reader site, which holds it,
   *   may subscribe: the streams are few, and a stranger must not be able to use them up.
   */
  constructor(
    private readonly version: ContentVersion,
    private readonly forwardingSecret: string | undefined,
  ) {
    this.unsubscribe = [
      version.onBump(() => this.broadcast()),
      version.onTrustChange(() => this.broadcast()),
    ];
    this.heartbeat = setInterval(() => {
      for (const stream of this.streams) stream.write(': heartbeat\n\n');
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  handle = (req: Request, res: Response): void => {
    if (this.forwardingSecret && !fromReaderSite(req, this.forwardingSecret)) {
      res.status(401).json({ error: 'content change streams are for the reader site' });
      return;
    }
    if (this.streams.size >= MAX_STREAMS) {
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
    res.write(this.event());
    this.streams.add(res);
    req.on('close', () => this.streams.delete(res));
  };

  /** Ends every stream, so a draining server is not held open by readers' subscriptions. */
  closeAll(): void {
    clearInterval(this.heartbeat);
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    for (const stream of this.streams) stream.end();
    this.streams.clear();
  }

  private broadcast(): void {
    const event = this.event();
    for (const stream of this.streams) stream.write(event);
  }

  private event(): string {
    const { instance, version } = this;
    const data = { instance, version: version.current, trusted: version.trusted };
    return `event: version\ndata: ${JSON.stringify(data)}\n\n`;
  }
}
