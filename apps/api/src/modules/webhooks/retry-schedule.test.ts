import { MAX_ATTEMPTS, nextAttemptDelayMs, RETRY_DELAYS_MS } from './retry-schedule.js';

describe('the retry schedule', () => {
  it('backs off from 5 s to 10 h and gives up after about a day', () => {
    const exact = () => 0.5;
    expect(RETRY_DELAYS_MS.map((_, i) => nextAttemptDelayMs(i + 1, exact))).toEqual([
      5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
    ]);
    expect(nextAttemptDelayMs(MAX_ATTEMPTS, exact)).toBeNull();
    const totalHours = RETRY_DELAYS_MS.reduce((sum, ms) => sum + ms, 0) / 3_600_000;
    expect(totalHours).toBeGreaterThan(24);
    expect(totalHours).toBeLessThan(30);
  });

  it('spreads retries by up to 20% either way (jitter)', () => {
    expect(nextAttemptDelayMs(2, () => 0)).toBe(240_000);
    expect(nextAttemptDelayMs(2, () => 0.999999)).toBe(360_000);
  });
});
