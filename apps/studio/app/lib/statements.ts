// Statements of reasons: what the reporter reads on their receipt page about the decision.
// Moderators start from one of the API's templates (moderationReasonTemplates) and edit it.

export type Decision = 'DISMISS' | 'KEEP_HIDDEN' | 'REMOVE_ARTICLE' | 'RESTORE_ARTICLE';

export const DECISIONS: Array<{ value: Decision; label: string; key: string; hint: string }> = [
  {
    value: 'DISMISS',
    label: 'Dismiss',
    key: 'd',
    hint: 'No rule was broken; the page stays as it is.',
  },
  {
    value: 'KEEP_HIDDEN',
    label: 'Keep hidden',
    key: 'h',
    hint: 'The page stays under review, out of lists and search, while more is checked.',
  },
  {
    value: 'REMOVE_ARTICLE',
    label: 'Remove',
    key: 'r',
    hint: 'Readers get a notice that the page was removed (410).',
  },
  {
    value: 'RESTORE_ARTICLE',
    label: 'Restore',
    key: 'u',
    hint: 'The page is visible again, in lists and search.',
  },
];

export const STATEMENT_MAX_LENGTH = 2000;

export type StatementCheck =
  { ok: true; decision: Decision; statement: string } | { ok: false; error: string };

/** A decision needs one of the four actions and a statement the reporter can read. */
export function checkDecision(decision: unknown, statement: unknown): StatementCheck {
  if (!DECISIONS.some((d) => d.value === decision)) {
    return { ok: false, error: 'Choose a decision.' };
  }
  const text = typeof statement === 'string' ? statement.replace(/\r\n/g, '\n').trim() : '';
  if (text.length < 20) {
    return {
      ok: false,
      error: 'Write a statement of reasons (at least 20 characters) for the reporter.',
    };
  }
  if (text.length > STATEMENT_MAX_LENGTH) {
    return { ok: false, error: `Keep the statement under ${STATEMENT_MAX_LENGTH} characters.` };
  }
  return { ok: true, decision: decision as Decision, statement: text };
}
