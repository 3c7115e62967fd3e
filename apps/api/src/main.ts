import 'reflect-metadata';
import type { Server } from 'node:http';
import { createLimitedServer, drainOnSignals, httpLimitsFromEnv } from '@folio/server-kit';
import { createAppDataSource } from './app-modules.js';
import { parseEnv } from './env.js';
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

  const { handler, lifecycle, closeStreams, stop } = await createServer({
    dataSource,
    env,
    logger,
  });
  const server: Server = createLimitedServer(handler, httpLimitsFromEnv(env)).listen(
    env.PORT,
    env.HOST,
  );
  await new Promise<void>((resolve, reject) =>
    server.once('listening', resolve).once('error', reject),
  );
  logger.info({ url: `http://localhost:${env.PORT}/graphql` }, 'Folio API ready');
  // Delivers the webhook outbox; on SIGTERM it stops claiming and hands back what is in flight.
  const webhooks = env.WEBHOOK_WORKER_ENABLED ? createWebhookWorker(dataSource, env, logger) : null;
  await webhooks?.start();

  // SIGTERM: readiness goes 503, no new connections are accepted, requests in flight finish
  // (a report acknowledged to a reader is committed first), then the pool closes and we exit 0.
  // The webhook worker stops claiming at once and hands unfinished claims back before the
  // pool closes, so a delivery in flight is retried by another process rather than lost.
  let webhooksStopped: Promise<void> | undefined;
  drainOnSignals({
    server,
    logger,
    drainSeconds: env.SHUTDOWN_DRAIN_SECONDS,
    onSignal: () => {
      lifecycle.shuttingDown = true;
      closeStreams();
      webhooksStopped = webhooks?.stop();
    },
    afterDrain: async () => {
      await webhooksStopped;
      await stop();
      await dataSource.destroy();
    },
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
