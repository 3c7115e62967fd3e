import type { DataSource } from 'typeorm';
import type { Env } from '../../env.js';
import type { Logger } from '../../logger.js';
import { EndpointPolicy } from './endpoint-policy.js';
import { WebhookWorker } from './webhook-worker.js';

export type WebhookEnv = Pick<
  Env,
  'NODE_ENV' | 'WEBHOOK_ALLOW_PRIVATE' | 'WEBHOOK_TIMEOUT_SECONDS' | 'WEBHOOK_POLL_SECONDS'
>;

/** https in production; private addresses only when the operator allows them. */
export function endpointPolicyFor(env: Pick<Env, 'NODE_ENV' | 'WEBHOOK_ALLOW_PRIVATE'>) {
  return new EndpointPolicy({
    requireHttps: env.NODE_ENV === 'production',
    allowPrivate: env.WEBHOOK_ALLOW_PRIVATE,
  });
}

export function createWebhookWorker(
  dataSource: DataSource,
  env: WebhookEnv,
  logger: Logger,
): WebhookWorker {
  return new WebhookWorker(
    dataSource,
    {
      policy: endpointPolicyFor(env),
      timeoutMs: env.WEBHOOK_TIMEOUT_SECONDS * 1000,
      pollMs: env.WEBHOOK_POLL_SECONDS * 1000,
    },
    logger.child({ component: 'webhooks' }),
  );
}
