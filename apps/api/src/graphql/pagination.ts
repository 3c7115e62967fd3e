import { BadUserInputError } from '../errors/bad-user-input.error.js';
import { isUuid } from './ids.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** `first` as asked, or the default; anything outside 0..max is refused with the allowed range. */
export function pageSize(first: number | null | undefined, max = MAX_PAGE_SIZE): number {
  if (first === null || first === undefined) return Math.min(DEFAULT_PAGE_SIZE, max);
  if (!Number.isInteger(first) || first < 0 || first > max) {
    throw new BadUserInputError(`"first" must be between 0 and ${max}; got ${first}.`, 'first');
  }
  return first;
}

/**
 * Opaque cursors: base64url of a small JSON array whose first element names the list, so a
 * cursor from one list is refused by another instead of silently paging wrong.
 */
export function encodeCursor(kind: string, values: ReadonlyArray<string | number>): string {
  return Buffer.from(JSON.stringify([kind, ...values]), 'utf8').toString('base64url');
}

/**
 * The values a cursor of `kind` carries, exactly `arity` of them (any number when omitted);
 * anything else (another list's cursor, a hand-made one, junk) is refused, never sent to SQL.
 */
export function decodeCursor(
  kind: string,
  cursor: string,
  argumentName = 'after',
  arity?: number,
): unknown[] {
  const refuse = () =>
    new BadUserInputError(
      `"${argumentName}" is not a cursor from this list; pass an edge's cursor or pageInfo.endCursor as given.`,
      argumentName,
    );
  if (cursor.length > 512 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw refuse();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  if (!Array.isArray(decoded) || decoded[0] !== kind) throw refuse();
  if (arity !== undefined && decoded.length !== arity + 1) throw refuse();
  return decoded.slice(1);
}

/** A keyset cursor over (timestamp DESC, id DESC), the order of every time-sorted list here. */
export function encodeTimeIdCursor(kind: string, time: Date | null, id: string): string {
  return encodeCursor(kind, [time?.toISOString() ?? '', id]);
}

/** Exactly what Date#toISOString writes: anything looser ("1", "2026") PostgreSQL may refuse. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function decodeTimeIdCursor(kind: string, cursor: string): [string, string] {
  const [time, id] = decodeCursor(kind, cursor, 'after', 2);
  if (
    typeof time !== 'string' ||
    !ISO_TIME.test(time) ||
    Number.isNaN(Date.parse(time)) ||
    new Date(time).toISOString() !== time ||
    typeof id !== 'string' ||
    !isUuid(id)
  ) {
    throw new BadUserInputError(
      '"after" is not a cursor from this list; pass an edge\'s cursor or pageInfo.endCursor as given.',
      'after',
    );
  }
  return [time, id];
}
