import { checkDecision, DECISIONS } from './statements';

describe('statements of reasons', () => {
  it('offers the four decisions, each with its own shortcut key', () => {
    expect(DECISIONS.map((d) => d.value)).toEqual([
      'DISMISS',
      'KEEP_HIDDEN',
      'REMOVE_ARTICLE',
      'RESTORE_ARTICLE',
    ]);
    expect(new Set(DECISIONS.map((d) => d.key)).size).toBe(4);
  });

  it('refuses a decision without a readable statement or with an unknown action', () => {
    expect(checkDecision('DISMISS', '   ')).toEqual({ ok: false, error: expect.any(String) });
    expect(checkDecision('DELETE_EVERYTHING', 'A long enough statement here.')).toEqual({
      ok: false,
      error: 'Choose a decision.',
    });
    expect(checkDecision('REMOVE_ARTICLE', 'x'.repeat(2001)).ok).toBe(false);
  });

  it('keeps an edited statement, trimmed, with its line breaks', () => {
    expect(checkDecision('REMOVE_ARTICLE', '  First line of reasons.\r\nSecond line.  ')).toEqual({
      ok: true,
      decision: 'REMOVE_ARTICLE',
      statement: 'First line of reasons.\nSecond line.',
    });
  });
});
