import { formatDate } from './format';

describe('formatDate', () => {
  it('shows the UTC day, the same for every time of that day', () => {
    expect(formatDate('2026-10-02T00:00:00.000Z')).toBe('2 October 2026');
    expect(formatDate('2026-10-02T23:59:59.999Z')).toBe('2 October 2026');
    expect(formatDate('2026-10-03T00:00:00Z')).toBe('3 October 2026');
  });

  it('reads a timestamp with an offset as the UTC day it falls on', () => {
    expect(formatDate('2026-10-02T23:30:00-05:00')).toBe('3 October 2026');
    expect(formatDate('2026-10-02T23:30:00-05:00')).toBe('3 October 2026');
  });
});
