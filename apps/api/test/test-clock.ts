import type { Clock } from '../src/modules/auth/clock.js';

/** A clock that stands still until a test moves it; starts at the real time. */
export function movableClock(start = new Date()): Clock & { advance(ms: number): void } {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}
