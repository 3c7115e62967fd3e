import 'reflect-metadata';
import type { Server } from 'node:http';
import { createAppDataSource } from './app-modules.js';
import { parseEnv } from './env.js';
import { createLimitedServer } from './http-limits.js';
import { createLogger } from './logger.js';
import { seedIfEmpty } from './modules/content-import/seed.js';
import { createWebhookWorker } from './modules/webhooks/webhook-runtime.js';
import { createServer } from './server.js';

// Boot order: environment -> database (migrations, sample content) -> HTTP -> signals.
async function main(): Promise<void> {
  const env = parseEnv();
  const logger = createLogger(env.LOG_LEVEL);
  const dataSource = createAppDataSource({
    url: env.DATABASE_URL,
    readUrls: env.DATABASE_READ_URLS,
    poolMax: env.DATABASE_POOL_MAX,
  });
  await dataSource.initialize();
  if (env.MIGRATE_ON_START) {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0)
      logger.info({ migrations: applied.map((m) => m.name) }, 'applied migrations');
  }
  if (env.SEED_CONTENT_DIR) await seedIfEmpty(dataSource, env.SEED_CONTENT_DIR, logger);

  const { app, lifecycle, closeStreams, stop } = await createServer({ dataSource, env, logger });
  const server: Server = createLimitedServer(app, env).listen(env.PORT, env.HOST);
  await new Promise<void>((resolve, reject) =>
    server.once('listening', resolve).once('error', reject),
  );
  logger.info({ url: `http://localhost:${env.PORT}/graphql` }, 'Folio API ready');
  // Delivers the webhook outbox; on SIGTERM it stops claiming and hands back what is in flight.
  const webhooks = env.WEBHOOK_WORKER_ENABLED ? createWebhookWorker(dataSource, env, logger) : null;
  await webhooks?.start();

  // SIGTERM: readiness goes 503, no new connections are accepted, requests in flight finish
  // (a report acknowledged to a reader is committed first), then the pool closes and we exit 0.
  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    lifecycle.shuttingDown = true;
    closeStreams();
    logger.info({ signal }, 'shutting down');
    const webhooksStopped = webhooks?.stop();
    const drained = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const deadline = setTimeout(() => {
      logger.warn(
        { seconds: env.SHUTDOWN_DRAIN_SECONDS },
        'drain time over; closing remaining connections',
      );
      server.closeAllConnections();
    }, env.SHUTDOWN_DRAIN_SECONDS * 1000);
    await drained;
    clearTimeout(deadline);
    await webhooksStopped;
    await stop();
    await dataSource.destroy();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
