/**
 * The rows in an array of their own, pg's own array emptied. pg's query() promise and its query
 * timeout (data-source.ts) both give pg's query object its callback after making it, and a query
 * so made stayed reachable for young collections after the read had ended (one given its
 * callback when made did not; reproduced with a plain pg Client). Every row its result still
 * held (an article page's whole parsed document, a list page's twenty) then outlived two young
 * collections and was promoted to the old generation, to wait there for a full one: 1.1 of the
 * 1.3 MB promoted per young collection on W1, and so most of the old generation's growth and
 * of the peak RSS (README "Round eight: what the uncached API promotes"). Handing back a copy
 * alone changed nothing; emptying pg's array is what lets the rows die young.
 */
export function detachRows<T>(rows: T[]): T[] {
  const own = rows.slice();
  rows.length = 0;
  return own;
}
