// Outbound webhooks (Standard Webhooks): the event types an endpoint may subscribe to. The
// API records them; integrators receive them as `{ type, timestamp, data }` bodies.

export const WEBHOOK_EVENT_TYPES = [
  'article.published',
  'article.updated',
  'article.unpublished',
  'article.removed',
  'report.created',
  'report.resolved',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export function isWebhookEventType(value: string): value is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}
