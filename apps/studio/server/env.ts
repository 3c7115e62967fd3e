// Studio's one environment: what its HTTP server (./main.ts) and its Remix app
// (app/lib/env.server.ts) read, validated once per process, typed and frozen. This list is what
// docker-compose may set for the studio service.
import { LOG_LEVELS, parseEnvironment, weakSecretReason } from '@folio/server-kit';
import { z } from 'zod';

/**
 * Signs cookies when no SESSION_SECRET is given outside production. It is printed here, so it
 * holds one of the shared rule's placeholder words, and production refuses it.
 */
const DEV_SESSION_SECRET = 'folio-studio-development-only-session-secret';

/** Openssl's advice, in every refusal of a secret. */
const GENERATE = 'generate one: openssl rand -hex 32';

export const StudioEnvShape = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3001),
  FOLIO_API_URL: z.string().url().default('http://127.0.0.1:4000/graphql'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** express "trust proxy": behind a load balancer, its address or hop count. */
  TRUST_PROXY: z.string().default('loopback'),
  /** Served over HTTPS (at the load balancer): send Strict-Transport-Security. */
  HTTPS: z.enum(['true', 'false']).default('false'),
  /** The reader's public origin: preview links and "view on the reader" point there. */
  READER_URL: z.string().url().default('http://localhost:3000'),
  /**
   * Signs Studio's cookies (session and CSRF). Comma-separated to rotate: the first signs,
   * all verify. Required in production, and real (see weakSecretReason).
   */
  SESSION_SECRET: z.string().optional(),
  /**
   * Shared with the API: lets it trust the browser address Studio forwards (its per-address
   * sign-in limit). Required in production, and real.
   */
  FORWARDED_ADDRESS_SECRET: z.string().min(16).optional(),
  /** Cookies marked Secure (served over HTTPS). Defaults to on in production. */
  COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  /** On SIGTERM, how long in-flight requests may take before the process exits anyway. */
  SHUTDOWN_DRAIN_SECONDS: z.coerce.number().int().min(0).max(300).default(10),
  /** Time a client has to send its request headers (slowloris), and its whole request. */
  HTTP_HEADERS_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(10),
  HTTP_REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
  /** An idle keep-alive connection is closed after this; above a load balancer's idle timeout. */
  HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(5),
  /** Open connections at once; more are closed as they arrive. */
  HTTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).default(1024),
});

type RawStudioEnv = z.infer<typeof StudioEnvShape>;

/** SESSION_SECRET's list, or the problem with it. */
function sessionSecrets(raw: RawStudioEnv): { secrets: string[] } | { problem: string } {
  const secrets = (raw.SESSION_SECRET ?? '')
    .split(',')
    .map((secret) => secret.trim())
    .filter(Boolean);
  const production = raw.NODE_ENV === 'production';
  if (secrets.length === 0)
    return production
      ? { problem: `required in production; ${GENERATE}` }
      : { secrets: [DEV_SESSION_SECRET] };
  for (const [index, secret] of secrets.entries()) {
    // The same rule as the API's and the reader's secrets (@folio/server-kit); outside
    // production only the length, so a developer's own secret still works.
    const reason = production
      ? weakSecretReason(secret)
      : secret.length < 32
        ? 'each secret needs at least 32 characters'
        : null;
    if (reason) return { problem: secrets.length > 1 ? `secret ${index + 1}: ${reason}` : reason };
  }
  return { secrets };
}

const StudioEnvSchema = StudioEnvShape.superRefine((raw, context) => {
  // Node refuses a header time longer than the whole request's.
  if (raw.HTTP_HEADERS_TIMEOUT_SECONDS > raw.HTTP_REQUEST_TIMEOUT_SECONDS)
    context.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['HTTP_HEADERS_TIMEOUT_SECONDS'],
      message: 'must not exceed HTTP_REQUEST_TIMEOUT_SECONDS',
    });
  const session = sessionSecrets(raw);
  if ('problem' in session)
    context.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['SESSION_SECRET'],
      message: session.problem,
    });
  if (raw.NODE_ENV !== 'production') return;
  const forwarding = raw.FORWARDED_ADDRESS_SECRET;
  const reason =
    forwarding === undefined
      ? `must be set in production (${GENERATE})`
      : weakSecretReason(forwarding);
  if (reason)
    context.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['FORWARDED_ADDRESS_SECRET'],
      message: reason,
    });
}).transform((raw) => {
  const { SESSION_SECRET: _listed, COOKIE_SECURE, READER_URL, ...rest } = raw;
  const session = sessionSecrets(raw);
  return {
    ...rest,
    READER_URL: READER_URL.replace(/\/$/, ''),
    SESSION_SECRETS: 'secrets' in session ? session.secrets : [],
    COOKIE_SECURE: COOKIE_SECURE ? COOKIE_SECURE === 'true' : raw.NODE_ENV === 'production',
  };
});

export type StudioEnv = Readonly<z.output<typeof StudioEnvSchema>>;

export function parseStudioEnv(
  source: Record<string, string | undefined> = process.env,
): StudioEnv {
  return Object.freeze(parseEnvironment(StudioEnvSchema, source));
}

// The server (bundled by esbuild) and the Remix build (bundled by Vite) each hold a copy of this
// module; the parsed environment is kept on the process so it is read and checked only once.
const PARSED = Symbol.for('folio.studio.env');
type EnvHolder = { [PARSED]?: StudioEnv };

/** The process's environment, parsed on first use (at server start), the same object after. */
export function studioEnv(): StudioEnv {
  const holder = globalThis as EnvHolder;
  holder[PARSED] ??= parseStudioEnv();
  return holder[PARSED];
}
