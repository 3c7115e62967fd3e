import { createServiceLogger, type Logger } from '@folio/server-kit';

/** Structured JSON logs on stdout; the level comes from LOG_LEVEL. Credentials never logged. */
export function createLogger(level: string): Logger {
  return createServiceLogger({
    service: 'folio-api',
    level,
    redact: ['req.headers.authorization', 'req.headers.cookie'],
  });
}

export type { Logger };
