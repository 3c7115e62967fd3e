/**
 * A named statement's SQL: the text itself, or a builder for it. pg compares a named statement's
 * text with the one it prepared on every run, which flattens a text built anew from its parts
 * each time; the flat copy then lived as long as the query and was promoted to the old
 * generation (README "Round eight"). A builder is run on the name's first use only.
 */
export type StatementText = string | (() => string);

/** Each named statement's text, built once from its builder. */
const builtTexts = new Map<string, string>();

/**
 * The text to send under `name`: as given, or its builder's text, built on the name's first use
 * and the same string ever after. A name stands for one text (as it does for PostgreSQL, which
 * refuses a second text under a prepared name), so a later builder under the same name is not
 * run.
 */
export function statementText(name: string, text: StatementText): string {
  if (typeof text === 'string') return text;
  let built = builtTexts.get(name);
  if (built === undefined) {
    built = text();
    builtTexts.set(name, built);
  }
  return built;
}
