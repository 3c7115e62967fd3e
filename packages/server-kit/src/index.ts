// Process plumbing shared by Folio's servers (the API, the reader and Studio), so each is
// written once: logs, request ids, HTTP limits, graceful drain, environment errors. The
// keep-alive GraphQL client the reader and Studio call the API with is its own entry point,
// @folio/server-kit/graphql-client: from here, every server loaded undici (110 modules, about
// 1.6 MB of the heap for their source alone), the API included, which never calls it.
export { assignRequestId } from './request-id.js';
export {
  createHttpLogger,
  requestLogger,
  type HttpLogger,
  type HttpLoggerOptions,
} from './http-logger.js';
export {
  createServiceLogger,
  LOG_LEVELS,
  type Logger,
  type LogLevel,
  type ServiceLoggerOptions,
} from './logger.js';
export { createLimitedServer, httpLimitsFromEnv, type HttpLimits } from './http-limits.js';
export { drainOnSignals, type DrainOptions } from './graceful-drain.js';
export { formatEnvIssues, parseEnvironment } from './env-errors.js';
export {
  MIN_PRODUCTION_SECRET_LENGTH,
  PLACEHOLDER_WORDS,
  weakDatabasePasswordReason,
  weakSecretReason,
} from './production-secrets.js';
