import type { Server } from 'node:http';
import type { Logger } from 'pino';

export interface DrainOptions {
  server: Server;
  logger: Logger;
  /** How long requests in flight may take before their connections are closed anyway. */
  drainSeconds: number;
  /**
   * Called first, at the signal: turn readiness to 503 and end long-lived responses (change
   * streams) that would otherwise hold the drain open.
   */
  onSignal?: () => void;
  /** Called once no request is in flight: release what the server held (pools, listeners). */
  afterDrain?: () => Promise<void>;
  /** Ends the process; tests pass their own. */
  exit?: (code: number) => void;
  signals?: NodeJS.Signals[];
}

/**
 * On SIGTERM or SIGINT: no new connections, idle ones closed, requests in flight finish (a
 * report acknowledged to a reader is committed first), then afterDrain, then exit 0. Returns
 * the shutdown function, for callers that stop the server themselves.
 */
export function drainOnSignals({
  server,
  logger,
  drainSeconds,
  onSignal,
  afterDrain,
  exit = (code) => process.exit(code),
  signals = ['SIGTERM', 'SIGINT'],
}: DrainOptions): (signal: string) => Promise<void> {
  let shuttingDown = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (shuttingDown) return;
    shuttingDown = true;
    onSignal?.();
    logger.info({ signal }, 'shutting down');
    const drained = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const deadline = setTimeout(() => {
      logger.warn({ seconds: drainSeconds }, 'drain time over; closing remaining connections');
      server.closeAllConnections();
    }, drainSeconds * 1000);
    deadline.unref();
    await drained;
    clearTimeout(deadline);
    await afterDrain?.();
    logger.info('stopped');
    exit(0);
  };
  for (const signal of signals) process.on(signal, () => void shutdown(signal));
  return shutdown;
}
