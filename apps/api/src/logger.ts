import pino, { type Logger } from 'pino';

/** Structured JSON logs on stdout; the level comes from LOG_LEVEL. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'folio-api' },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], remove: true },
  });
}

export type { Logger };
