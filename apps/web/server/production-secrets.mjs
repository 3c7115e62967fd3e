// What a secret must look like before the reader accepts it in production: the same rule as the
// API's (apps/api/src/production-secrets.ts). A public placeholder is as good as no secret: with
// it anyone can forge reader addresses or hold the content-change streams.

/** `openssl rand -hex 16` gives 32 characters; anything shorter is refused in production. */
export const MIN_PRODUCTION_SECRET_LENGTH = 32;

/** Words that only placeholders contain. */
const PLACEHOLDER_WORDS = [
  'change-me',
  'change_me',
  'changeme',
  'replace-me',
  'replace_me',
  'replaceme',
  'placeholder',
  'example',
  'development-only',
  'your-secret',
  'secret-here',
];

/**
 * Why `value` is not a usable production secret, or null when it is.
 * @param {string} value
 * @returns {string | null}
 */
export function weakSecretReason(value) {
  const lowered = value.toLowerCase();
  const word = PLACEHOLDER_WORDS.find((placeholder) => lowered.includes(placeholder));
  if (word) return `is a placeholder (contains "${word}"); generate one: openssl rand -hex 32`;
  if (value.length < MIN_PRODUCTION_SECRET_LENGTH)
    return `must be at least ${MIN_PRODUCTION_SECRET_LENGTH} characters in production; generate one: openssl rand -hex 32`;
  // "aaaa…" or "0123…" repeated passes a length check but guesses in no time.
  if (new Set(value).size < 8) return 'has too few distinct characters to be a secret';
  return null;
}
