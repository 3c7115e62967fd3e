// The reader's one environment: what the HTTP server (./main.ts) and the Remix app
// (app/lib/env.server.ts) read, validated once per process, typed and frozen. This list is what
// docker-compose may set for the web service.
import { LOG_LEVELS, parseEnvironment, weakSecretReason } from '@folio/server-kit';
import { z } from 'zod';

export const ReaderEnvShape = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  FOLIO_API_URL: z.string().url().default('http://127.0.0.1:4000/graphql'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** express "trust proxy": behind a load balancer, its address or hop count. */
  TRUST_PROXY: z.string().default('loopback'),
  /** Served over HTTPS (at the load balancer): send Strict-Transport-Security. */
  HTTPS: z.enum(['true', 'false']).default('false'),
  /**
   * Shared with the API: lets it trust the reader address we forward for rate limits, and lets
   * the reader follow content changes.
   */
  FORWARDED_ADDRESS_SECRET: z.string().min(16).optional(),
  /**
   * Memory for whole public pages; 0 turns the page cache off. It is used only while the API's
   * content change stream is live, and purged on every change.
   */
  READER_PAGE_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(64),
  /** On SIGTERM, how long in-flight requests may take before the process exits anyway. */
  SHUTDOWN_DRAIN_SECONDS: z.coerce.number().int().min(0).max(300).default(10),
  /**
   * The reader's public origin: forms are accepted only from it; canonical URLs, feeds and
   * sitemaps use it.
   */
  PUBLIC_URL: z.string().url().default('http://localhost:3000'),
  SITE_NAME: z.string().default('Folio'),
  /** Time a client has to send its request headers (slowloris), and its whole request. */
  HTTP_HEADERS_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(10),
  HTTP_REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
  /** An idle keep-alive connection is closed after this; above a load balancer's idle timeout. */
  HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(5),
  /** Open connections at once; more are closed as they arrive. */
  HTTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).default(1024),
});

// Node refuses a header time longer than the whole request's. In production the reader must hold
// the API's forwarding secret, and a real one: without it the API cannot trust the addresses it
// forwards, nor let it follow content changes. What "a real one" means is the API's rule too
// (@folio/server-kit's weakSecretReason).
const ReaderEnvSchema = ReaderEnvShape.superRefine((env, context) => {
  if (env.HTTP_HEADERS_TIMEOUT_SECONDS > env.HTTP_REQUEST_TIMEOUT_SECONDS)
    context.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['HTTP_HEADERS_TIMEOUT_SECONDS'],
      message: 'must not exceed HTTP_REQUEST_TIMEOUT_SECONDS',
    });
  if (env.NODE_ENV !== 'production') return;
  const value = env.FORWARDED_ADDRESS_SECRET;
  const reason =
    value === undefined
      ? 'must be set in production (openssl rand -hex 32)'
      : weakSecretReason(value);
  if (reason)
    context.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['FORWARDED_ADDRESS_SECRET'],
      message: reason,
    });
});

export type ReaderEnv = Readonly<z.infer<typeof ReaderEnvShape>>;

export function parseReaderEnv(
  source: Record<string, string | undefined> = process.env,
): ReaderEnv {
  return Object.freeze(parseEnvironment(ReaderEnvSchema, source));
}

// The server (bundled by esbuild) and the Remix build (bundled by Vite) each hold a copy of this
// module; the parsed environment is kept on the process so it is read and checked only once.
const PARSED = Symbol.for('folio.reader.env');
type EnvHolder = { [PARSED]?: ReaderEnv };

/** The process's environment, parsed on first use (at server start), the same object after. */
export function readerEnv(): ReaderEnv {
  const holder = globalThis as EnvHolder;
  holder[PARSED] ??= parseReaderEnv();
  return holder[PARSED];
}
