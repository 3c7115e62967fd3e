import { GroupCommitQueue, QueueFullError } from './group-commit-queue.js';

/** A commit the test finishes itself, recording each batch it was given. */
function harness(options: { maxBatch?: number; maxQueue?: number; maxInFlight?: number } = {}) {
  const batches: number[][] = [];
  const finishers: Array<() => void> = [];
  const scheduled: Array<() => void> = [];
  const queue = new GroupCommitQueue<number>({
    commit: (batch) =>
      new Promise<void>((resolve) => {
        batches.push(batch);
        finishers.push(resolve);
      }),
    maxBatch: options.maxBatch ?? 10,
    maxQueue: options.maxQueue ?? 100,
    maxInFlight: options.maxInFlight ?? 1,
    schedule: (flush) => void scheduled.push(flush),
  });
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return {
    queue,
    batches,
    scheduled,
    fireScheduled: () => scheduled.splice(0).forEach((flush) => flush()),
    /** Finishes the oldest batch in flight and lets the queue react. */
    finish: async () => {
      finishers.shift()!();
      await settle();
    },
  };
}

describe('GroupCommitQueue', () => {
  it('schedules nothing while idle, and one flush for the items of one turn', () => {
    const { queue, batches, scheduled, fireScheduled } = harness();
    expect(scheduled).toHaveLength(0);
    [1, 2, 3].forEach((item) => queue.enqueue(item));
    expect(scheduled).toHaveLength(1);
    expect(batches).toEqual([]);
    fireScheduled();
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('flushes a full batch at once, without waiting for the scheduled flush', () => {
    const { queue, batches } = harness({ maxBatch: 3 });
    [1, 2, 3].forEach((item) => queue.enqueue(item));
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('collects what arrives during a commit into the next batch, within the batch cap', async () => {
    const { queue, batches, fireScheduled, finish } = harness({ maxBatch: 4 });
    queue.enqueue(1);
    fireScheduled();
    [2, 3, 4, 5, 6].forEach((item) => queue.enqueue(item));
    // One batch in flight at most: the others wait for it, with no flush of their own.
    expect(batches).toEqual([[1]]);
    expect(queue.pending).toBe(5);
    await finish();
    expect(batches).toEqual([[1], [2, 3, 4, 5]]);
    await finish();
    expect(batches).toEqual([[1], [2, 3, 4, 5], [6]]);
  });

  it('refuses items past the queue cap, and after closing', async () => {
    const { queue, fireScheduled, finish } = harness({ maxQueue: 2 });
    queue.enqueue(1);
    queue.enqueue(2);
    expect(() => queue.enqueue(3)).toThrow(QueueFullError);
    fireScheduled();
    queue.enqueue(3); // room again once the batch left the queue
    const closed = queue.close();
    expect(() => queue.enqueue(4)).toThrow(expect.objectContaining({ reason: 'closed' }));
    await finish();
    await finish();
    await closed;
  });

  it('resolves close only once every batch taken has been committed', async () => {
    const { queue, batches, finish } = harness({ maxBatch: 2 });
    [1, 2, 3].forEach((item) => queue.enqueue(item));
    let closed = false;
    const closing = queue.close().then(() => (closed = true));
    await finish();
    expect(batches).toEqual([[1, 2], [3]]);
    expect(closed).toBe(false);
    await finish();
    await closing;
    expect(closed).toBe(true);
  });
});
