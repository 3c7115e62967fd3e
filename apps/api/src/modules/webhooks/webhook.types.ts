import { GraphQLDateTime } from '../../graphql/date-time.scalar.js';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../../graphql/connection.types.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';

export enum WebhookDeliveryStatus {
  PENDING = 'pending',
  DELIVERED = 'delivered',
  FAILED = 'failed',
}

registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description:
    'PENDING: waiting for its (next) attempt; FAILED: retries exhausted or endpoint gone.',
});

@InputType()
export class CreateWebhookEndpointInput {
  @Field(() => String, { description: 'https, and a public address (see the README).' })
  url: string;

  @Field(() => [String], { description: 'Event types, e.g. ["article.published"].' })
  events: string[];

  @Field(() => String, { nullable: true })
  description?: string | null;
}

@InputType()
export class UpdateWebhookEndpointInput {
  @Field(() => [String], { nullable: true })
  events?: string[] | null;

  @Field(() => Boolean, { nullable: true })
  enabled?: boolean | null;

  @Field(() => String, { nullable: true })
  description?: string | null;
}

@ObjectType({ description: 'An endpoint with its signing secret, shown this once.' })
export class WebhookEndpointWithSecret {
  @Field(() => WebhookEndpoint)
  endpoint: WebhookEndpoint;

  @Field(() => String, {
    description: 'whsec_ + base64: verify deliveries with it (Standard Webhooks). Not shown again.',
  })
  secret: string;
}

@ObjectType({ description: 'One event sent (or to be sent) to one endpoint.' })
export class WebhookDelivery {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  endpointId: string;

  @Field(() => String, { description: 'The webhook-id header: the same on every attempt.' })
  messageId: string;

  @Field(() => String)
  eventType: string;

  @Field(() => WebhookDeliveryStatus)
  status: WebhookDeliveryStatus;

  @Field(() => Int, { description: 'Attempts made (started) so far.' })
  attempts: number;

  @Field(() => String, { nullable: true })
  lastError: string | null;

  @Field(() => Int, { nullable: true, description: "The receiver's last HTTP status." })
  responseStatus: number | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Null unless pending.' })
  nextAttemptAt: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  deliveredAt: Date | null;

  @Field(() => GraphQLDateTime)
  createdAt: Date;
}

export const WebhookDeliveryConnection = ConnectionType('WebhookDelivery', WebhookDelivery);
export type WebhookDeliveryConnection = InstanceType<typeof WebhookDeliveryConnection>;
