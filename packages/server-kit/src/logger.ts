import { pino, type Logger } from 'pino';

/** The levels LOG_LEVEL may name, for each server's environment schema. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ServiceLoggerOptions {
  /** Stamped on every line (`folio-api`, `folio-web`, ...), so mixed logs can be told apart. */
  service: string;
  level: string;
  /** Paths removed from every line (e.g. request headers that carry credentials). */
  redact?: string[];
}

/** Structured JSON logs on stdout, one shape for every Folio server. */
export function createServiceLogger({ service, level, redact }: ServiceLoggerOptions): Logger {
  return pino({
    level,
    base: { service },
    ...(redact && redact.length > 0 ? { redact: { paths: redact, remove: true } } : {}),
  });
}

export type { Logger };
