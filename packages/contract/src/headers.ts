// HTTP headers the reader site (and later Studio) sends the API, beyond GraphQL itself.

/**
 * The reader site calls the API from its own server, so it names the reader's address here;
 * the API counts it (for per-reporter rate limits) only beside FORWARDING_SECRET_HEADER.
 */
export const FORWARDED_ADDRESS_HEADER = 'x-folio-reader-address';

/**
 * Carries FORWARDED_ADDRESS_SECRET, which the reader site and the API share: it makes the
 * forwarded address count, and lets the reader follow the content-change stream.
 */
export const FORWARDING_SECRET_HEADER = 'x-folio-forwarding-secret';

/** One id per request, passed from the reader to the API so one page's logs line up. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** A request id either side accepts from its caller; anything else is replaced by a fresh one. */
export const REQUEST_ID_PATTERN = /^[\w.-]{1,100}$/;

/** Studio forwards the browser's User-Agent here; the API shows it in the user's sessions list. */
export const STAFF_USER_AGENT_HEADER = 'x-folio-user-agent';
