import { createServiceLogger, type Logger } from '@folio/server-kit';
import { env } from './env.server';

let logger: Logger | undefined;

/** The app's JSON log lines, in the same shape as the server's (server/main.ts, folio-web). */
export function appLogger(): Logger {
  logger ??= createServiceLogger({ service: 'folio-web', level: env().LOG_LEVEL });
  return logger;
}
