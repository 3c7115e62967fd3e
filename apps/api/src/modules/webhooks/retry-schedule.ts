/**
 * Waits before each retry, after the first attempt fails: about 28 hours in all, after which
 * the delivery is marked failed. The same shape as Svix's (the Standard Webhooks authors').
 */
export const RETRY_DELAYS_MS = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  10 * 3_600_000,
] as const;

/** Attempts in all: the first and one per retry delay. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** ±20% so that endpoints that failed together are not all retried at the same instant. */
const JITTER = 0.2;

/**
 * When to try again after `attempts` failed attempts, or null when the schedule is exhausted.
 * `random` is in [0, 1), injected so tests know the exact range.
 */
export function nextAttemptDelayMs(attempts: number, random: () => number): number | null {
  const base = RETRY_DELAYS_MS[attempts - 1];
  if (base === undefined) return null;
  return Math.round(base * (1 - JITTER + 2 * JITTER * random()));
}
