import { GraphQLScalarType } from 'graphql';
import { GraphQLDateTime as ScalarsDateTime } from 'graphql-scalars';

/**
 * The schema's DateTime: graphql-scalars' scalar (same name, description, parsing and
 * refusals: its own serialize runs first), except that values leave execution as the ISO text
 * instead of a Date. graphql-scalars hands JSON.stringify a Date, whose toJSON call made V8
 * leave its fast path for every date of an answer; on a page of 20 articles that took about as
 * long as writing the rest of it. The bytes of every answer are the same (`toISOString` is what
 * Date's toJSON returns). A scalar of our own, so graphql-scalars' shared instance is left as it
 * is for anyone else in the process.
 */
export const GraphQLDateTime = new GraphQLScalarType({
  ...ScalarsDateTime.toConfig(),
  serialize(value: unknown) {
    const date = ScalarsDateTime.serialize(value);
    return date instanceof Date ? isoText(date) : date;
  },
});

const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const three = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/**
 * Exactly `date.toISOString()` for a valid date, about three times faster for years 1000-9999
 * (toISOString cost 1.5 to 2.8 us a call here, 20 calls per page of articles).
 */
export function isoText(date: Date): string {
  const year = date.getUTCFullYear();
  // toISOString writes other years with a sign and six digits: left to it
  if (year < 1000 || year > 9999) return date.toISOString();
  return `${year}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())}T${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}.${three(date.getUTCMilliseconds())}Z`;
}
