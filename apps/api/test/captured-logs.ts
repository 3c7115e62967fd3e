import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';

export interface CapturedLogs {
  logger: Logger;
  /** Every line logged at warn level or above since the last clear. */
  readonly lines: Array<{ level: number; msg?: string; [key: string]: unknown }>;
  /** Lines at error level or above (pino: 50 error, 60 fatal). */
  errors(): CapturedLogs['lines'];
  clear(): void;
}

/** A real pino logger writing to memory, so a test can assert what the API logged. */
export function captureLogs(): CapturedLogs {
  const lines: CapturedLogs['lines'] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  // pino writes synchronously to a plain stream: a line is captured before the call returns.
  const logger = pino({ level: 'warn' }, sink);
  return {
    logger,
    lines,
    errors: () => lines.filter((line) => line.level >= 50),
    clear: () => void lines.splice(0, lines.length),
  };
}
