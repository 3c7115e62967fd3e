import { GraphQLDateTime } from '../../graphql/date-time.scalar.js';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from '../auth/role.js';

@ObjectType({ description: 'A member of staff who signs in to Folio Studio.' })
@Entity({ name: 'staff_users' })
export class StaffUser {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => String, { description: 'Lower-case; unique.' })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Field(() => String)
  @Column({ name: 'display_name', type: 'varchar', length: 100 })
  displayName: string;

  @Field(() => Role)
  @Column({ type: 'enum', enum: Role, enumName: 'api_token_role' })
  role: Role;

  /** argon2id, in the PHC string format (parameters and salt included). */
  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash: string;

  @Field(() => Boolean, {
    description: 'True while the password is a one-time one: Studio asks for a new one first.',
  })
  @Column({ name: 'must_change_password', type: 'boolean', default: true })
  mustChangePassword: boolean;

  @Field(() => GraphQLDateTime)
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  @Field(() => GraphQLDateTime, { nullable: true })
  @Column({ name: 'last_sign_in_at', type: 'timestamptz', nullable: true })
  lastSignInAt: Date | null;

  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: 'Set when an admin deactivated the account: it can no longer sign in.',
  })
  @Column({ name: 'deactivated_at', type: 'timestamptz', nullable: true })
  deactivatedAt: Date | null;
}
