import { GraphQLDateTime } from '../../graphql/date-time.scalar.js';
import { Field, ID, ObjectType } from 'type-graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

@ObjectType({
  description:
    'A URL that receives signed webhook deliveries (Standard Webhooks) for the events it names.',
})
@Entity({ name: 'webhook_endpoints' })
export class WebhookEndpoint {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => String)
  @Column({ type: 'varchar', length: 2048 })
  url: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 500, nullable: true })
  description: string | null;

  @Field(() => [String], {
    description: 'e.g. article.published, report.created (see the README for the list).',
  })
  @Column({ type: 'text', array: true })
  events: string[];

  @Field(() => Boolean)
  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Why the API disabled it, e.g. the receiver answered 410 Gone.',
  })
  @Column({ name: 'disabled_reason', type: 'varchar', length: 200, nullable: true })
  disabledReason: string | null;

  /** `whsec_` + base64; shown once, when created or rotated, never through a field. */
  @Column({ type: 'varchar', length: 100 })
  secret: string;

  @Field(() => GraphQLDateTime)
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => GraphQLDateTime)
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
