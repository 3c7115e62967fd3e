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

export function decodeCursor(kind: string, cursor: string, argumentName = 'after'): unknown[] {
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
  return decoded.slice(1);
}

/** A keyset cursor over (timestamp DESC, id DESC), the order of every time-sorted list here. */
export function encodeTimeIdCursor(kind: string, time: Date | null, id: string): string {
  return encodeCursor(kind, [time?.toISOString() ?? '', id]);
}

export function decodeTimeIdCursor(kind: string, cursor: string): [string, string] {
  const [time, id] = decodeCursor(kind, cursor);
  if (
    typeof time !== 'string' ||
    Number.isNaN(Date.parse(time)) ||
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
