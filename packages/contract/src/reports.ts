// The report form's rules: the reader checks them before sending, the API enforces them.

/** The longest section anchor a report may name (the sections.anchor column). */
export const SECTION_ANCHOR_MAX_LENGTH = 200;

/** The most characters a report's details may have. */
export const DETAILS_MAX_LENGTH = 2000;

/**
 * A report form's idempotency key: 8 to 100 letters, digits, `-` or `_` (a UUID fits). The
 * same key always returns the same receipt; the reader makes one per form it renders.
 */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{8,100}$/;
