import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { AuthedContext } from '../../graphql/context.js';
import { Role } from '../auth/role.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { WebhookService } from './webhook.service.js';
import {
  CreateWebhookEndpointInput,
  UpdateWebhookEndpointInput,
  WebhookDelivery,
  WebhookDeliveryConnection,
  WebhookEndpointWithSecret,
} from './webhook.types.js';

/** Outbound webhooks: admins only. */
@Authorized(Role.ADMIN)
@Resolver()
export class WebhookResolver {
  constructor(private readonly webhooks: WebhookService) {}

  @Query(() => [WebhookEndpoint])
  webhookEndpoints(): Promise<WebhookEndpoint[]> {
    return this.webhooks.list();
  }

  @Query(() => WebhookDeliveryConnection, {
    description: "One endpoint's deliveries, newest first: status, attempts, last error.",
  })
  webhookDeliveries(
    @Arg('endpointId', () => ID) endpointId: string,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<WebhookDeliveryConnection> {
    return this.webhooks.deliveries(endpointId, first, after);
  }

  @Mutation(() => WebhookEndpointWithSecret, {
    description: 'Registers an endpoint; the answer holds its signing secret, shown only here.',
  })
  createWebhookEndpoint(
    @Arg('input', () => CreateWebhookEndpointInput) input: CreateWebhookEndpointInput,
    @Ctx() { viewer }: AuthedContext,
  ): Promise<WebhookEndpointWithSecret> {
    return this.webhooks.create(viewer, input);
  }

  @Mutation(() => WebhookEndpoint)
  updateWebhookEndpoint(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateWebhookEndpointInput) input: UpdateWebhookEndpointInput,
    @Ctx() { viewer }: AuthedContext,
  ): Promise<WebhookEndpoint> {
    return this.webhooks.update(viewer, id, input);
  }

  @Mutation(() => Boolean, { description: 'False when there was no such endpoint.' })
  deleteWebhookEndpoint(
    @Arg('id', () => ID) id: string,
    @Ctx() { viewer }: AuthedContext,
  ): Promise<boolean> {
    return this.webhooks.delete(viewer, id);
  }

  @Mutation(() => WebhookEndpointWithSecret, {
    description: 'A new signing secret, effective at once; the old one stops verifying.',
  })
  rotateWebhookSecret(
    @Arg('id', () => ID) id: string,
    @Ctx() { viewer }: AuthedContext,
  ): Promise<WebhookEndpointWithSecret> {
    return this.webhooks.rotateSecret(viewer, id);
  }

  @Mutation(() => WebhookDelivery, {
    description: 'Sends a delivered or failed event again (same webhook-id), as a new delivery.',
  })
  redeliverWebhook(
    @Arg('deliveryId', () => ID) deliveryId: string,
    @Ctx() { viewer }: AuthedContext,
  ): Promise<WebhookDelivery> {
    return this.webhooks.redeliver(viewer, deliveryId);
  }
}
