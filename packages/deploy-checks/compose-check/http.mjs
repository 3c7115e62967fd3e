// HTTP and waiting helpers for the compose check. Every wait has a bound of several seconds or
// more and reports how long it took: the check runs on busy shared machines.

/** fetch with a timeout; resolves { status, headers, text } or { status: 0, error } when down. */
export async function get(url, { timeoutMs = 10_000, ...init } = {}) {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    return { status: response.status, headers: response.headers, text: await response.text() };
  } catch (error) {
    return { status: 0, headers: new Headers(), text: '', error: String(error?.cause ?? error) };
  }
}

/** POSTs a GraphQL operation; resolves the parsed body (or { errors } when it is not JSON). */
export async function graphql(url, query, variables = {}, token) {
  const response = await get(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  try {
    return JSON.parse(response.text);
  } catch {
    return { errors: [{ message: `HTTP ${response.status}: ${response.text.slice(0, 200)}` }] };
  }
}

export const seconds = (since) => ((performance.now() - since) / 1000).toFixed(1);

/**
 * Calls `probe` every half second until it returns a truthy value; resolves the seconds it took.
 * Throws after `limitSeconds` with the last value probe saw (its `last` argument is a holder).
 * @param {string} what
 * @param {number} limitSeconds
 * @param {(note: { last?: unknown }) => Promise<unknown>} probe
 */
export async function waitFor(what, limitSeconds, probe) {
  const started = performance.now();
  const note = {};
  for (;;) {
    if (await probe(note).catch((error) => ((note.last = String(error)), false)))
      return seconds(started);
    if (performance.now() - started > limitSeconds * 1000)
      throw new Error(
        `${what}: not within ${limitSeconds} s (last seen: ${JSON.stringify(note.last)?.slice(0, 300)})`,
      );
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
