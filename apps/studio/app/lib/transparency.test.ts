import { formatDuration, parsePeriod, periodBounds, transparencyCsv } from './transparency';

describe('transparency report helpers', () => {
  const now = new Date('2026-11-27T10:00:00Z');

  it('defaults to the last 30 days, and puts a reversed period the right way round', () => {
    expect(parsePeriod(new URLSearchParams(), now)).toEqual({
      from: '2026-10-29',
      to: '2026-11-27',
    });
    expect(parsePeriod(new URLSearchParams('from=2026-11-10&to=2026-11-01'), now)).toEqual({
      from: '2026-11-01',
      to: '2026-11-10',
    });
    expect(parsePeriod(new URLSearchParams('from=garbage&to=2026-13-45'), now).to).toBe(
      '2026-11-27',
    );
  });

  it('asks the API for whole days, the last one included', () => {
    expect(periodBounds({ from: '2026-11-01', to: '2026-11-10' })).toEqual({
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-11T00:00:00.000Z',
    });
  });

  it('writes a CSV a spreadsheet reads, one figure per row', () => {
    const csv = transparencyCsv(
      { from: '2026-11-01', to: '2026-11-10' },
      {
        reportCount: 3,
        reportsByReason: [{ reason: 'SPAM', count: 3 }],
        decisionCount: 1,
        decisionsByAction: [{ action: 'REMOVE_ARTICLE', count: 1 }],
        medianSecondsToDecision: 5400,
        appealsFiled: 1,
        appealsUpheld: 0,
        appealsReversed: 1,
      },
    );
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('section,item,value');
    expect(lines).toContain('reports by reason,SPAM,3');
    expect(lines).toContain('decisions,median seconds to decision,5400');
    expect(lines).toContain('appeals,reversed,1');
  });

  it('says how long decisions took in words', () => {
    expect(formatDuration(null)).toBe('no decisions');
    expect(formatDuration(600)).toBe('10 min');
    expect(formatDuration(5400)).toBe('1.5 h');
    expect(formatDuration(3 * 86_400)).toBe('3.0 days');
  });
});
