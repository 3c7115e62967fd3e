import { z } from 'zod';
import {
  LOG_LEVELS,
  parseEnvironment,
  weakDatabasePasswordReason,
  weakSecretReason,
} from '@folio/server-kit';

// The environment is read once, validated, typed and frozen; nothing else reads process.env.
const DEVELOPMENT_REPORTER_KEY_SECRET = 'folio-development-only-reporter-key-secret';

const boolean = z.enum(['true', 'false']).transform((value) => value === 'true');

/** The variables the API reads; docker-compose's environment is checked against these names. */
export const EnvShape = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(1).max(65535).default(4000),
  /** Unset: `npm start` runs an embedded PostgreSQL and sets this for the API. */
  DATABASE_URL: z.string().url(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** Run pending migrations before serving (docker-compose and `npm start` do). */
  MIGRATE_ON_START: boolean.default('true'),
  /** A folder of Markdown/text articles loaded once into an empty database. */
  SEED_CONTENT_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** Keys reporters' addresses (HMAC) so the database never holds an address. */
  REPORTER_KEY_SECRET: z.string().min(16).default(DEVELOPMENT_REPORTER_KEY_SECRET),
  /**
   * Shared with the reader site: only a request carrying it may name the reader's address in
   * x-folio-reader-address. Unset: that header is never trusted.
   */
  FORWARDED_ADDRESS_SECRET: z.string().min(16).optional(),
  REPORT_RATE_LIMIT: z.coerce.number().int().min(1).default(5),
  REPORT_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(600),
  /** Distinct networks (IPv4 /24, IPv6 /48) with open reports that put a page under review. */
  REPORT_REVIEW_THRESHOLD: z.coerce.number().int().min(1).default(3),
  /** Only reports filed within this window count towards the threshold. */
  REPORT_REVIEW_WINDOW_SECONDS: z.coerce.number().int().min(60).default(86_400),
  /** Threshold reached this fast since the first counted report: a burst, flagged, not hidden. */
  REPORT_BURST_SECONDS: z.coerce.number().int().min(0).default(600),
  /** More distinct reporters per network than this: concentrated, flagged, not hidden. */
  REPORT_REPORTERS_PER_NETWORK_MAX: z.coerce.number().min(1).default(2),
  /** Pages hidden automatically per hour, site-wide; beyond it pages are only flagged. */
  REPORT_AUTO_HIDE_PER_HOUR: z.coerce.number().int().min(0).default(10),
  /** Group commit: reports filed in one transaction at most (1 turns batching off). */
  REPORT_BATCH_MAX: z.coerce.number().int().min(1).max(1_000).default(100),
  /** Reports waiting for a transaction at most; past it a report is refused (RATE_LIMITED). */
  REPORT_QUEUE_MAX: z.coerce.number().int().min(1).max(100_000).default(2_000),
  /** Transactions of reports committing at the same time at most (each holds a connection). */
  REPORT_BATCHES_IN_FLIGHT: z.coerce.number().int().min(1).max(100).default(2),
  /** Comma-separated read replicas: reads go there, writes and transactions to DATABASE_URL. */
  DATABASE_READ_URLS: z
    .string()
    .optional()
    .transform((value) =>
      value
        ? value
            .split(',')
            .map((url) => url.trim())
            .filter(Boolean)
        : [],
    )
    .pipe(z.array(z.string().url())),
  /**
   * Memory for whole cached responses to anonymous queries; 0 turns the cache off. Any content
   * change (here, in another instance, or by the import CLI) invalidates it.
   */
  RESPONSE_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(32),
  /** A GraphQL request past this stops resolving further fields (REQUEST_TIMEOUT). */
  REQUEST_DEADLINE_SECONDS: z.coerce.number().positive().max(300).default(10),
  /**
   * `compiled` runs GraphQL queries as code compiled by graphql-jit, with the same answers as
   * `graphql-js`: about 10% less API CPU per uncached query. It once cost memory on cache hits
   * (Apollo's executor seam: README, "Round seven: compiled execution's memory on cache hits");
   * since graphql/gateway-request-context.ts it costs none, so it is the default.
   */
  GRAPHQL_EXECUTOR: z.enum(['graphql-js', 'compiled']).default('compiled'),
  /**
   * Signs preview links (HMAC-SHA256). Unset: a key derived from REPORTER_KEY_SECRET. Changing
   * it ends every preview link at once.
   */
  PREVIEW_SECRET: z.string().min(32).optional(),
  /** Staff sessions end after this long without a request… */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(43_200).default(720),
  /** …and this long after sign-in, however active. */
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(2_160).default(168),
  /** Consecutive failed sign-ins that lock an email address for SIGN_IN_LOCKOUT_MINUTES. */
  SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  SIGN_IN_LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(1_440).default(15),
  /** Failed sign-ins from one network address per hour, across all accounts. */
  SIGN_IN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(10_000).default(50),
  /** On SIGTERM, how long in-flight requests may take before the process exits anyway. */
  SHUTDOWN_DRAIN_SECONDS: z.coerce.number().int().min(0).max(300).default(10),
  /** Time a client has to send its request headers (slowloris), and its whole request. */
  HTTP_HEADERS_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(10),
  HTTP_REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
  /** An idle keep-alive connection is closed after this; above a load balancer's idle timeout. */
  HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(5),
  /** Open connections at once (readers' change streams included); more are closed on arrival. */
  HTTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).default(1024),
  /**
   * Webhook endpoints may be loopback, private or link-local addresses (and plain http): for
   * development and tests only; off, such endpoints are refused when registered and delivered.
   */
  WEBHOOK_ALLOW_PRIVATE: boolean.default('false'),
  /** Deliver webhooks from this process (every replica may; they share the work safely). */
  WEBHOOK_WORKER_ENABLED: boolean.default('true'),
  /** How long a receiver may take to answer one delivery. */
  WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(60).default(10),
  /** How often the worker looks for due retries when no new event has woken it. */
  WEBHOOK_POLL_SECONDS: z.coerce.number().int().min(1).max(300).default(5),
});

// In production every secret must be set and real: a missing forwarding secret would let anyone
// name a reader's address and hold the content-change streams, a placeholder is no secret at all.
const EnvSchema = EnvShape.superRefine((env, context) => {
  if (env.NODE_ENV !== 'production') return;
  const secrets = {
    REPORTER_KEY_SECRET: env.REPORTER_KEY_SECRET,
    FORWARDED_ADDRESS_SECRET: env.FORWARDED_ADDRESS_SECRET,
  };
  for (const [name, value] of Object.entries(secrets)) {
    // Unset REPORTER_KEY_SECRET arrives here as the development default.
    const reason =
      value === undefined || value === DEVELOPMENT_REPORTER_KEY_SECRET
        ? 'must be set in production (openssl rand -hex 32)'
        : weakSecretReason(value);
    if (reason) context.addIssue({ code: z.ZodIssueCode.custom, path: [name], message: reason });
  }
  const databaseReason = weakDatabasePasswordReason(env.DATABASE_URL);
  if (databaseReason)
    context.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['DATABASE_URL'],
      message: databaseReason,
    });
});

export type Env = Readonly<z.infer<typeof EnvSchema>>;

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  return Object.freeze(parseEnvironment(EnvSchema, source));
}

/**
 * What the command-line tools (token:create, content:import...) read: only where the database
 * is, and unset (or empty) means the embedded PostgreSQL that `npm start` runs.
 */
const CliEnvSchema = z.object({
  DATABASE_URL: z.preprocess(
    (value) => (value === '' ? undefined : value),
    EnvShape.shape.DATABASE_URL.optional(),
  ),
  /** Where `npm run` was started, so relative paths mean what the user typed. */
  INIT_CWD: z.string().optional(),
});

export type CliEnv = Readonly<z.infer<typeof CliEnvSchema>>;

export function parseCliEnv(source: NodeJS.ProcessEnv = process.env): CliEnv {
  return Object.freeze(parseEnvironment(CliEnvSchema, source));
}

export { EnvSchema };
