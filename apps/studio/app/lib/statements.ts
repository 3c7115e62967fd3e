// Statements of reasons: what the reporter reads on their receipt page about the decision.
// Moderators start from a template and edit it; the templates say what was decided, on what
// ground, and that the decision can be appealed.

export type Decision = 'DISMISS' | 'KEEP_HIDDEN' | 'REMOVE_ARTICLE' | 'RESTORE_ARTICLE';

export interface StatementTemplate {
  id: string;
  decision: Decision;
  label: string;
  text: string;
}

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

export const STATEMENT_TEMPLATES: StatementTemplate[] = [
  {
    id: 'dismiss-no-violation',
    decision: 'DISMISS',
    label: 'No rule broken',
    text: 'We reviewed the page you reported and found that it does not break our content rules, so it stays published. If you think we got this wrong, you can appeal this decision.',
  },
  {
    id: 'dismiss-opinion',
    decision: 'DISMISS',
    label: 'Disagreement or opinion',
    text: 'We reviewed the page. It expresses an opinion or a view you may disagree with, but it does not break our content rules, so it stays published. You can appeal this decision.',
  },
  {
    id: 'keep-hidden-checking',
    decision: 'KEEP_HIDDEN',
    label: 'Still checking',
    text: 'We are keeping the page out of lists and search while we check the claims made in it. It is still reachable by its address. You can appeal this decision.',
  },
  {
    id: 'remove-misinformation',
    decision: 'REMOVE_ARTICLE',
    label: 'Misinformation',
    text: 'We removed the page because it presents false claims as fact, which our content rules do not allow. You can appeal this decision.',
  },
  {
    id: 'remove-harassment',
    decision: 'REMOVE_ARTICLE',
    label: 'Harassment or hate',
    text: 'We removed the page because it targets people with harassment or hateful content, which our content rules do not allow. You can appeal this decision.',
  },
  {
    id: 'remove-copyright',
    decision: 'REMOVE_ARTICLE',
    label: 'Copyright',
    text: 'We removed the page because it reproduces material without the permission of its rights holder. You can appeal this decision.',
  },
  {
    id: 'remove-illegal',
    decision: 'REMOVE_ARTICLE',
    label: 'Illegal content',
    text: 'We removed the page because its content is illegal. You can appeal this decision.',
  },
  {
    id: 'restore-reviewed',
    decision: 'RESTORE_ARTICLE',
    label: 'Reviewed and restored',
    text: 'After review we found the page does not break our content rules, and it is visible again. You can appeal this decision.',
  },
];

export function templatesFor(decision: Decision): StatementTemplate[] {
  return STATEMENT_TEMPLATES.filter((template) => template.decision === decision);
}

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
