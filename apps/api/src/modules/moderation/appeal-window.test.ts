import { appealDeadline, withinAppealWindow } from './appeal-window.js';

describe('the appeal window', () => {
  it('ends six calendar months after the decision, at the same time of day', () => {
    expect(appealDeadline(new Date('2026-03-15T10:30:00Z')).toISOString()).toBe(
      '2026-09-15T10:30:00.000Z',
    );
    expect(appealDeadline(new Date('2026-09-01T00:00:00Z')).toISOString()).toBe(
      '2027-03-01T00:00:00.000Z',
    );
  });

  it('ends on the last day of a shorter month rather than spilling into the next', () => {
    expect(appealDeadline(new Date('2026-08-31T12:00:00Z')).toISOString()).toBe(
      '2027-02-28T12:00:00.000Z',
    );
  });

  it('is open up to and including the deadline, and closed a millisecond after', () => {
    const decided = new Date('2026-03-15T10:30:00Z');
    expect(withinAppealWindow(decided, new Date('2026-09-15T10:30:00.000Z'))).toBe(true);
    expect(withinAppealWindow(decided, new Date('2026-09-15T10:30:00.001Z'))).toBe(false);
  });
});
