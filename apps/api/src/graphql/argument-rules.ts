import { ARTICLE_SLUG_MAX_LENGTH, SECTION_ANCHOR_MAX_LENGTH } from '@folio/contract';
import {
  getNamedType,
  getNullableType,
  GraphQLID,
  GraphQLList,
  isInputObjectType,
  type GraphQLInputType,
} from 'graphql';
import type { ArgumentUse } from './operation-analysis.js';

/**
 * Rules every string argument obeys, wherever it sits (top-level or deep in an input object),
 * checked once per request before any resolver runs, so that no argument can be forgotten and
 * nothing odd ever reaches SQL. Specific bounds (slug patterns, enum-like values) stay with
 * the inputs and services that know them.
 */

// C0 controls and DEL, except tab, line feed and carriage return (multi-line text needs them).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const MAX_ID_LENGTH = 100;
const CURSOR = /^[A-Za-z0-9_-]{0,512}$/;

/** The longest string any argument may hold: the request body is limited to 100 kB anyway. */
export const MAX_STRING_ARGUMENT = 100_000;

/** Top-level arguments that are keys or short words, by name: their longest sensible value. */
export const ARGUMENT_MAX_LENGTH: Record<string, number> = {
  slug: ARTICLE_SLUG_MAX_LENGTH,
  articleSlug: ARTICLE_SLUG_MAX_LENGTH,
  tag: 64,
  query: 200,
  after: 512,
  receipt: 100,
  name: 100,
  targetId: 100,
  idempotencyKey: 100,
  sectionAnchor: SECTION_ANCHOR_MAX_LENGTH,
};

export interface ArgumentProblem {
  argumentName: string;
  message: string;
}

/** The first problem with any argument of the operation, or null when all are acceptable. */
export function findArgumentProblem(uses: readonly ArgumentUse[]): ArgumentProblem | null {
  for (const { values, field } of uses) {
    for (const argument of field.args) {
      const problem = checkValue(values[argument.name], argument.type, argument.name);
      if (problem) return problem;
    }
  }
  return null;
}

function checkValue(value: unknown, type: GraphQLInputType, path: string): ArgumentProblem | null {
  if (value === null || value === undefined) return null;
  const nullable = getNullableType(type);
  if (nullable instanceof GraphQLList) {
    if (!Array.isArray(value)) return null;
    for (const [index, item] of value.entries()) {
      const problem = checkValue(item, nullable.ofType, `${path}[${index}]`);
      if (problem) return problem;
    }
    return null;
  }
  if (isInputObjectType(nullable)) {
    const fields = nullable.getFields();
    for (const [name, item] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[name];
      if (!field) continue;
      const problem = checkValue(item, field.type, `${path}.${name}`);
      if (problem) return problem;
    }
    return null;
  }
  if (typeof value !== 'string') return null;
  return checkString(value, path, getNamedType(type) === GraphQLID);
}

function checkString(value: string, path: string, isId: boolean): ArgumentProblem | null {
  const name = path.slice(path.lastIndexOf('.') + 1).replace(/\[\d+\]$/, '');
  // The message names the field as a form would; the full path is in argumentName.
  const refuse = (why: string) => ({
    argumentName: path,
    message: `"${name}" ${why}.`,
  });
  if (CONTROL.test(value))
    return refuse('must not contain NUL or other control characters (tab and newlines are fine)');
  if (!(value as string & { isWellFormed(): boolean }).isWellFormed())
    return refuse('must not contain unpaired surrogates');
  const max = ARGUMENT_MAX_LENGTH[name] ?? MAX_STRING_ARGUMENT;
  if (value.length > max) return refuse(`must be at most ${max} characters; got ${value.length}`);
  // IDs: any other form is simply not found (NOT_FOUND), as the services answer; they check
  // the form before SQL. Here only their length is bounded.
  if (isId && value.length > MAX_ID_LENGTH)
    return refuse(`must be at most ${MAX_ID_LENGTH} characters`);
  if (name === 'after' && !CURSOR.test(value))
    return refuse(
      "is not a cursor from this list; pass an edge's cursor or pageInfo.endCursor as given",
    );
  return null;
}
