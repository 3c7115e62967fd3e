import { checkDecision, DECISIONS, STATEMENT_TEMPLATES, templatesFor } from './statements';

describe('statements of reasons', () => {
  it('has at least one template for every decision, each telling how to appeal', () => {
    for (const decision of DECISIONS) {
      expect(templatesFor(decision.value).length).toBeGreaterThan(0);
    }
    for (const template of STATEMENT_TEMPLATES) expect(template.text).toMatch(/appeal/);
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
