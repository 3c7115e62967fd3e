import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { GraphQLDateTime } from '../../graphql/date-time.scalar.js';
import { Role } from './role.js';

@ObjectType({ description: 'An API token, as admins see it; the secret itself is never stored.' })
@Entity({ name: 'api_tokens' })
export class ApiToken {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => String)
  @Column({ type: 'varchar', length: 100, unique: true })
  name: string;

  @Field(() => Role)
  @Column({ type: 'enum', enum: Role, enumName: 'api_token_role' })
  role: Role;

  /** sha-256 of the token, hex. */
  @Column({ name: 'token_hash', type: 'char', length: 64, unique: true })
  tokenHash: string;

  @Field(() => GraphQLDateTime)
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => GraphQLDateTime, { nullable: true })
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
