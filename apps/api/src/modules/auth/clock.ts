/**
 * The time now, where expiry is decided (sessions, preview links). Injected so tests can move
 * it on; the same shape as moderation's clock, so one clock serves the whole app.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
