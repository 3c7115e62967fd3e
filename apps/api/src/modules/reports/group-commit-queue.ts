/**
 * Group commit: callers enqueue work and wait; the queue hands the waiting items to `commit`
 * in batches, and each caller is answered only when `commit` settled the batch that held its
 * item (it resolves or rejects every item itself). Many reports then share one transaction and
 * one WAL flush instead of paying one each.
 *
 * There is no timer. The first item arriving at an idle queue is flushed by `schedule` (the
 * next turn of the event loop by default, so the requests already read in this turn join it);
 * items arriving while `maxInFlight` batches are committing wait for one of them to finish,
 * which is the batching window: it widens by itself as the load grows, and an idle queue has
 * nothing pending at all. A queue that reaches `maxBatch` flushes at once.
 */
export interface GroupCommitOptions<T> {
  /** Commits one batch and settles every item of it (never leaves one waiting). */
  commit(batch: T[]): Promise<void>;
  /** Items per batch at most. */
  maxBatch: number;
  /** Items waiting at most (not counting batches in flight); past it `enqueue` throws. */
  maxQueue: number;
  /** Batches committing at the same time at most. */
  maxInFlight: number;
  /** Runs a flush later; tests pass one they fire themselves. */
  schedule?: (flush: () => void) => void;
}

export class QueueFullError extends Error {
  constructor(readonly reason: 'full' | 'closed') {
    super(
      reason === 'full' ? 'the group-commit queue is full' : 'the group-commit queue is closed',
    );
  }
}

export class GroupCommitQueue<T> {
  private readonly waiting: T[] = [];
  private inFlight = 0;
  private scheduled = false;
  private closed = false;
  private drained: Array<() => void> = [];
  private readonly schedule: (flush: () => void) => void;

  constructor(private readonly options: GroupCommitOptions<T>) {
    this.schedule = options.schedule ?? ((flush) => setImmediate(flush));
  }

  /** Items waiting for a batch (not those being committed). */
  get pending(): number {
    return this.waiting.length;
  }

  /** Batches being committed now. */
  get committing(): number {
    return this.inFlight;
  }

  /** Adds an item; throws QueueFullError when the queue is full or closing. */
  enqueue(item: T): void {
    if (this.closed) throw new QueueFullError('closed');
    if (this.waiting.length >= this.options.maxQueue) throw new QueueFullError('full');
    this.waiting.push(item);
    if (this.waiting.length >= this.options.maxBatch) this.flush();
    else if (!this.scheduled && this.inFlight < this.options.maxInFlight) {
      this.scheduled = true;
      this.schedule(() => {
        this.scheduled = false;
        this.flush();
      });
    }
  }

  /**
   * Stops taking items and resolves once everything taken has been committed (or failed):
   * on SIGTERM, before the pool closes.
   */
  close(): Promise<void> {
    this.closed = true;
    this.flush();
    return this.idle() ? Promise.resolve() : new Promise((resolve) => this.drained.push(resolve));
  }

  private idle(): boolean {
    return this.waiting.length === 0 && this.inFlight === 0;
  }

  /** Starts batches while there are items and room in flight. */
  private flush(): void {
    while (this.waiting.length > 0 && this.inFlight < this.options.maxInFlight) {
      const batch = this.waiting.splice(0, this.options.maxBatch);
      this.inFlight += 1;
      void this.options
        .commit(batch)
        // commit settles its items itself; a throw here is a bug, and must not stall the queue
        .catch(() => {})
        .finally(() => {
          this.inFlight -= 1;
          this.flush();
          if (this.idle()) for (const resolve of this.drained.splice(0)) resolve();
        });
    }
  }
}
