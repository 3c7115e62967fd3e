import { GraphQLJSONObject } from 'graphql-scalars';
import { GraphQLDateTime } from '../../graphql/date-time.scalar.js';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ description: 'One editorial or moderation action: who did what, to what, when.' })
@Entity({ name: 'audit_events' })
export class AuditEvent {
  @Field(() => ID, { description: 'Increases with every event.' })
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Field(() => String, {
    description:
      'Who acted, as a stable id: "token:<id>" for an API token, "system", or "receipt:<receipt>" for a reporter.',
  })
  @Column({ name: 'actor_id', type: 'varchar', length: 100 })
  actorId: string;

  @Column({ name: 'actor_token_id', type: 'uuid', nullable: true })
  actorTokenId: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'The staff user who acted (signed in to Studio); null for tokens, the system and reporters.',
  })
  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Field(() => String, {
    description:
      'The actor\'s name: a staff user\'s display name, the token name, "system" or "reporter".',
  })
  @Column({ name: 'actor_name', type: 'varchar', length: 100 })
  actorName: string;

  @Field(() => String, {
    description: 'e.g. article.publish, report.resolve, article.under_review',
  })
  @Column({ type: 'varchar', length: 60 })
  action: string;

  @Field(() => String)
  @Column({ name: 'target_type', type: 'varchar', length: 30 })
  targetType: string;

  @Field(() => String)
  @Column({ name: 'target_id', type: 'varchar', length: 100 })
  targetId: string;

  @Field(() => GraphQLJSONObject)
  @Column({ type: 'jsonb' })
  details: Record<string, unknown>;

  @Field(() => GraphQLDateTime)
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
