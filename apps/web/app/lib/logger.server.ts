import pino, { type Logger } from 'pino';
import { env } from './env.server';

let logger: Logger | undefined;

/** The app's JSON log lines, in the same shape as server.mjs's (pino, service folio-web). */
export function appLogger(): Logger {
  logger ??= pino({ level: env().LOG_LEVEL, base: { service: 'folio-web' } });
  return logger;
}
