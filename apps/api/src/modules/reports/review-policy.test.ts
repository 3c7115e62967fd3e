import { reviewVerdict, type ReviewPolicy, type ReviewSignal } from './review-policy.js';

const policy: ReviewPolicy = {
  threshold: 3,
  windowSeconds: 86_400,
  burstSeconds: 600,
  reportersPerNetworkMax: 2,
  autoHidesPerHour: 10,
};
const now = new Date('2026-03-01T12:00:00Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

const signal = (overrides: Partial<ReviewSignal> = {}): ReviewSignal => ({
  networks: 3,
  reporters: 3,
  firstReportAt: minutesAgo(60),
  now,
  flagged: false,
  autoHidesLastHour: async () => 0,
  ...overrides,
});

describe('the review policy', () => {
  it('does nothing below the threshold of distinct networks', async () => {
    expect(await reviewVerdict(signal({ networks: 2, reporters: 2 }), policy)).toEqual({
      kind: 'none',
    });
  });

  it('hides a page reported by enough networks over more than the burst interval', async () => {
    expect(await reviewVerdict(signal(), policy)).toEqual({ kind: 'hide' });
    expect(await reviewVerdict(signal({ firstReportAt: minutesAgo(10) }), policy)).toEqual({
      kind: 'hide',
    });
  });

  it('flags a burst: the threshold reached within ten minutes', async () => {
    expect(await reviewVerdict(signal({ firstReportAt: minutesAgo(9) }), policy)).toEqual({
      kind: 'flag',
      reason: 'burst',
    });
  });

  it('flags a concentrated signal: many reporters from few networks', async () => {
    expect(await reviewVerdict(signal({ reporters: 7 }), policy)).toEqual({
      kind: 'flag',
      reason: 'concentrated',
    });
    expect(await reviewVerdict(signal({ reporters: 6 }), policy)).toEqual({ kind: 'hide' });
  });

  it('flags instead of hiding once the site-wide hourly rate of automatic hides is used', async () => {
    expect(await reviewVerdict(signal({ autoHidesLastHour: async () => 10 }), policy)).toEqual({
      kind: 'flag',
      reason: 'rate',
    });
    expect(await reviewVerdict(signal({ autoHidesLastHour: async () => 9 }), policy)).toEqual({
      kind: 'hide',
    });
  });

  it('leaves a flagged page to moderators: waiting out the burst does not hide it', async () => {
    expect(await reviewVerdict(signal({ flagged: true, networks: 50 }), policy)).toEqual({
      kind: 'none',
    });
  });

  it('reads the site-wide rate only when everything else says hide', async () => {
    const autoHidesLastHour = jest.fn(async () => 0);
    await reviewVerdict(signal({ networks: 1, autoHidesLastHour }), policy);
    await reviewVerdict(signal({ firstReportAt: now, autoHidesLastHour }), policy);
    expect(autoHidesLastHour).not.toHaveBeenCalled();
  });
});
