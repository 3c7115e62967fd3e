import { json, type AppLoadContext, type TypedResponse } from '@remix-run/node';

/**
 * A page route's loader answer: its data as JSON with its headers, as Remix's json() makes it,
 * except for a page the server renders whole. Then Remix (without single fetch) wrote the
 * data into a Response's body as JSON, only to read that body back and parse it before
 * rendering (@remix-run/router's convertDataStrategyResultToDataResult: a JSON response's data
 * is `await response.json()`); the data never leaves the process. For that case the loader
 * hands over the data itself, in an object Remix takes for a JSON response (`isResponse`: a
 * numeric status, a statusText, headers and a body; then only `headers` and `json()` are
 * read). A client's `?_data` fetch, which Remix sends on as the Response it is, and a call
 * without the reader's context (unit tests) get json() as before.
 *
 * Only for routes with a page (a default export): Remix hands a resource route's Response to
 * the client as it is. The data must be plain JSON values (what JSON.parse(JSON.stringify(x))
 * gives back unchanged), as the API's answers are: no round trip now drops an undefined or
 * turns a Date into a string.
 */
export function pageData<T>(
  context: AppLoadContext,
  data: T,
  init: { headers: Record<string, string> },
): TypedResponse<T> {
  if (!context.reader?.documentRequest) return json(data, init);
  return new ParsedJsonResponse(data, new Headers(init.headers)) as unknown as TypedResponse<T>;
}

/** Present, so Remix does not take the data for null (a JSON response without a body); never read. */
const UNREAD_BODY = Object.freeze({});

class ParsedJsonResponse<T> {
  readonly status = 200;
  readonly statusText = '';
  readonly ok = true;
  readonly body = UNREAD_BODY;

  constructor(
    private readonly data: T,
    readonly headers: Headers,
  ) {
    headers.set('Content-Type', 'application/json; charset=utf-8');
  }

  async json(): Promise<T> {
    return this.data;
  }
}
