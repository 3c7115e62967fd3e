// What a secret must look like before a production process accepts it. A public placeholder
// (one a README, an example file or an old compose default printed) is as good as no secret:
// with it anyone can forge reader addresses, hold the content-change streams or sign Studio's
// session cookies. Written once here so the API's, the reader's and Studio's environments
// (apps/api/src/env.ts, apps/web/server/env.ts, apps/studio/server/env.ts) apply the same rule.

/** `openssl rand -hex 16` gives 32 characters; anything shorter is refused in production. */
export const MIN_PRODUCTION_SECRET_LENGTH = 32;

/** Words that only placeholders contain. */
export const PLACEHOLDER_WORDS: readonly string[] = [
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

/** Database passwords that sample files and tutorials hand out. */
const PLACEHOLDER_PASSWORDS = ['folio', 'postgres', 'password', 'secret', 'admin', 'root'];

/** Why `value` is not a usable production secret, or null when it is. */
export function weakSecretReason(value: string): string | null {
  const lowered = value.toLowerCase();
  const word = PLACEHOLDER_WORDS.find((placeholder) => lowered.includes(placeholder));
  if (word) return `is a placeholder (contains "${word}"); generate one: openssl rand -hex 32`;
  if (value.length < MIN_PRODUCTION_SECRET_LENGTH)
    return `must be at least ${MIN_PRODUCTION_SECRET_LENGTH} characters in production; generate one: openssl rand -hex 32`;
  // "aaaa…" or "0123…" repeated passes a length check but guesses in no time.
  if (new Set(value).size < 8) return 'has too few distinct characters to be a secret';
  return null;
}

/** Loopback databases (the embedded PostgreSQL of `npm start`, tests and the bench) are exempt. */
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/**
 * Why the password inside a database URL is a public placeholder, or null. Only for a database
 * reached over the network: one on the loopback interface is out of a stranger's reach.
 */
export function weakDatabasePasswordReason(url: string): string | null {
  let host: string;
  let password: string;
  try {
    ({ hostname: host, password } = new URL(url));
    password = decodeURIComponent(password);
  } catch {
    return null; // the URL's own validation reports a malformed URL
  }
  if (!password || LOOPBACK_HOSTS.includes(host)) return null; // no password: peer or certificate authentication
  const lowered = password.toLowerCase();
  if (PLACEHOLDER_PASSWORDS.includes(lowered) || PLACEHOLDER_WORDS.some((w) => lowered.includes(w)))
    return 'its password is a public placeholder; set POSTGRES_PASSWORD to a secret of your own';
  return null;
}
