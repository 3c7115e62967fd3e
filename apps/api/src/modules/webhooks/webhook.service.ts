import { isWebhookEventType, WEBHOOK_EVENT_TYPES } from '@folio/contract';
import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '../../errors/api-errors.js';
import { BadUserInputError } from '../../errors/bad-user-input.error.js';
import { toConnection, type Connection } from '../../graphql/connection.types.js';
import { isUuid } from '../../graphql/ids.js';
import { decodeTimeIdCursor, encodeTimeIdCursor, pageSize } from '../../graphql/pagination.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Viewer } from '../auth/viewer.js';
import { EndpointRefusedError, type EndpointPolicy } from './endpoint-policy.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { WEBHOOK_DELIVERIES_CHANNEL } from './webhook-outbox.js';
import { newWebhookSecret } from './webhook-secret.js';
import type {
  CreateWebhookEndpointInput,
  UpdateWebhookEndpointInput,
  WebhookDelivery,
  WebhookDeliveryStatus,
  WebhookEndpointWithSecret,
} from './webhook.types.js';

const DESCRIPTION_MAX = 500;
const MAX_ENDPOINTS = 100;

interface DeliveryRow {
  id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  last_error: string | null;
  response_status: number | null;
  next_attempt_at: Date;
  delivered_at: Date | null;
  created_at: Date;
}

const DELIVERY_COLUMNS = `d.id, d.endpoint_id, d.event_id, e.type AS event_type, d.status, d.attempts,
  d.last_error, d.response_status, d.next_attempt_at, d.delivered_at, d.created_at`;

/** Admins' management of endpoints and their delivery logs; every change is audited. */
export class WebhookService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: EndpointPolicy,
  ) {}

  async create(
    actor: Viewer,
    input: CreateWebhookEndpointInput,
  ): Promise<WebhookEndpointWithSecret> {
    const url = await this.checkedUrl(input.url);
    const events = checkedEvents(input.events);
    const description = checkedDescription(input.description);
    const secret = newWebhookSecret();
    return this.dataSource.transaction(async (manager) => {
      if ((await manager.count(WebhookEndpoint)) >= MAX_ENDPOINTS)
        throw new ConflictError(`At most ${MAX_ENDPOINTS} webhook endpoints; delete one first.`);
      const endpoint = await manager.save(
        manager.create(WebhookEndpoint, { url, events, description, secret, enabled: true }),
      );
      await audit(manager, actor, 'webhook.create', endpoint, { url, events });
      return { endpoint, secret };
    });
  }

  list(): Promise<WebhookEndpoint[]> {
    return this.dataSource
      .getRepository(WebhookEndpoint)
      .find({ order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async update(
    actor: Viewer,
    id: string,
    input: UpdateWebhookEndpointInput,
  ): Promise<WebhookEndpoint> {
    const events = input.events ? checkedEvents(input.events) : null;
    const description =
      input.description !== undefined ? checkedDescription(input.description) : undefined;
    return this.dataSource.transaction(async (manager) => {
      const endpoint = await lockEndpoint(manager, id);
      if (events) endpoint.events = events;
      if (description !== undefined) endpoint.description = description;
      if (input.enabled !== undefined && input.enabled !== null) {
        if (input.enabled && !endpoint.enabled) {
          // Re-enabling: the URL is checked again, as policies and DNS may have changed.
          await this.checkedUrl(endpoint.url);
          endpoint.disabledReason = null;
        }
        endpoint.enabled = input.enabled;
      }
      const saved = await manager.save(endpoint);
      await audit(manager, actor, 'webhook.update', saved, {
        fields: Object.keys(input),
        events: saved.events,
        enabled: saved.enabled,
      });
      return saved;
    });
  }

  /** Deletes the endpoint and its delivery log; false when there was none. */
  async delete(actor: Viewer, id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    return this.dataSource.transaction(async (manager) => {
      const endpoint = await manager.findOne(WebhookEndpoint, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!endpoint) return false;
      await manager.delete(WebhookEndpoint, { id });
      await audit(manager, actor, 'webhook.delete', endpoint, { url: endpoint.url });
      return true;
    });
  }

  /** A new secret at once: deliveries from now on are signed with it only. */
  async rotateSecret(actor: Viewer, id: string): Promise<WebhookEndpointWithSecret> {
    return this.dataSource.transaction(async (manager) => {
      const endpoint = await lockEndpoint(manager, id);
      endpoint.secret = newWebhookSecret();
      const saved = await manager.save(endpoint);
      await audit(manager, actor, 'webhook.rotate_secret', saved);
      return { endpoint: saved, secret: saved.secret };
    });
  }

  async deliveries(
    endpointId: string,
    first?: number | null,
    after?: string | null,
  ): Promise<Connection<WebhookDelivery>> {
    const size = pageSize(first);
    if (
      !isUuid(endpointId) ||
      !(await this.dataSource.getRepository(WebhookEndpoint).existsBy({ id: endpointId }))
    )
      throw new NotFoundError(`Webhook endpoint ${endpointId}`);
    const params: unknown[] = [endpointId, size + 1];
    let page = '';
    if (after) {
      const [createdAt, id] = decodeTimeIdCursor('webhook-deliveries', after);
      params.push(createdAt, id);
      page = 'AND (d.created_at, d.id) < ($3, $4)';
    }
    const rows: DeliveryRow[] =
      size === 0
        ? []
        : await this.dataSource.query(
            `SELECT ${DELIVERY_COLUMNS}
               FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
              WHERE d.endpoint_id = $1 ${page}
              ORDER BY d.created_at DESC, d.id DESC
              LIMIT $2`,
            params,
          );
    const count = async () => {
      const [row]: Array<{ n: number }> = await this.dataSource.query(
        'SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = $1',
        [endpointId],
      );
      return row!.n;
    };
    return toConnection(rows.map(toDelivery), size, count, (delivery) =>
      encodeTimeIdCursor('webhook-deliveries', delivery.createdAt, delivery.id),
    );
  }

  /**
   * Sends a finished delivery's event again to its endpoint, as a new delivery with the same
   * webhook-id (the receiver may have dropped or mishandled it).
   */
  async redeliver(actor: Viewer, deliveryId: string): Promise<WebhookDelivery> {
    if (!isUuid(deliveryId)) throw new NotFoundError(`Webhook delivery ${deliveryId}`);
    return this.dataSource.transaction(async (manager) => {
      const [original]: Array<{
        status: string;
        endpoint_id: string;
        event_id: string;
        enabled: boolean;
      }> = await manager.query(
        `SELECT d.status, d.endpoint_id, d.event_id, endpoint.enabled
             FROM webhook_deliveries d JOIN webhook_endpoints endpoint ON endpoint.id = d.endpoint_id
            WHERE d.id = $1 FOR UPDATE OF d`,
        [deliveryId],
      );
      if (!original) throw new NotFoundError(`Webhook delivery ${deliveryId}`);
      if (original.status === 'pending')
        throw new ConflictError('This delivery is still pending; it will be attempted again.');
      if (!original.enabled)
        throw new ConflictError('The endpoint is disabled; enable it before redelivering.');
      const [created]: Array<{ id: string }> = await manager.query(
        `INSERT INTO webhook_deliveries (event_id, endpoint_id) VALUES ($1, $2) RETURNING id`,
        [original.event_id, original.endpoint_id],
      );
      await manager.query(`SELECT pg_notify('${WEBHOOK_DELIVERIES_CHANNEL}', '')`);
      await recordAudit(
        manager,
        actor,
        'webhook.redeliver',
        { type: 'webhook', id: original.endpoint_id },
        { delivery: deliveryId, redelivery: created!.id, event: original.event_id },
      );
      const [row]: DeliveryRow[] = await manager.query(
        `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
          WHERE d.id = $1`,
        [created!.id],
      );
      return toDelivery(row!);
    });
  }

  private async checkedUrl(url: string): Promise<string> {
    try {
      return (await this.policy.check(url.trim())).toString();
    } catch (error) {
      if (error instanceof EndpointRefusedError) throw new BadUserInputError(error.message, 'url');
      throw error;
    }
  }
}

function checkedEvents(events: string[]): string[] {
  const unique = [...new Set(events.map((event) => event.trim()))];
  const unknown = unique.filter((event) => !isWebhookEventType(event));
  if (unique.length === 0 || unknown.length > 0) {
    throw new BadUserInputError(
      `${unknown.length ? `Unknown event type ${unknown.map((e) => `"${e}"`).join(', ')}. ` : 'Name at least one event type. '}Allowed: ${WEBHOOK_EVENT_TYPES.join(', ')}.`,
      'events',
    );
  }
  return unique;
}

function checkedDescription(description: string | null | undefined): string | null {
  const trimmed = description?.trim() ?? '';
  if (trimmed.length > DESCRIPTION_MAX)
    throw new BadUserInputError(
      `"description" is at most ${DESCRIPTION_MAX} characters.`,
      'description',
    );
  return trimmed || null;
}

async function lockEndpoint(manager: EntityManager, id: string): Promise<WebhookEndpoint> {
  const endpoint = isUuid(id)
    ? await manager.findOne(WebhookEndpoint, { where: { id }, lock: { mode: 'pessimistic_write' } })
    : null;
  if (!endpoint) throw new NotFoundError(`Webhook endpoint ${id}`);
  return endpoint;
}

function audit(
  manager: EntityManager,
  actor: Viewer,
  action: string,
  endpoint: WebhookEndpoint,
  details: Record<string, unknown> = {},
): Promise<void> {
  return recordAudit(manager, actor, action, { type: 'webhook', id: endpoint.id }, details);
}

function toDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    messageId: `msg_${row.event_id}`,
    eventType: row.event_type,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    responseStatus: row.response_status,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
    deliveredAt: row.delivered_at,
    createdAt: row.created_at,
  };
}
