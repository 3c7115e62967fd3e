import { GraphQLDateTime } from '../../graphql/date-time.scalar.js';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { StaffUser } from './staff-user.entity.js';

@ObjectType({
  description:
    'A signed-in session. Send `token` as "Authorization: Bearer <token>"; keep it in an httpOnly cookie.',
})
export class SignInResult {
  @Field(() => String, { description: 'Shown once; only its sha-256 is stored.' })
  token: string;

  @Field(() => GraphQLDateTime, { description: 'When the session ends however active it is.' })
  expiresAt: Date;

  @Field(() => Int, { description: 'Minutes without a request after which the session ends.' })
  idleTimeoutMinutes: number;

  @Field(() => StaffUser)
  user: StaffUser;
}

@ObjectType('StaffSession', { description: "One of the signed-in user's live sessions." })
export class StaffSessionView {
  @Field(() => ID)
  id: string;

  @Field(() => GraphQLDateTime)
  createdAt: Date;

  @Field(() => GraphQLDateTime)
  lastSeenAt: Date;

  @Field(() => GraphQLDateTime, { description: 'The absolute end.' })
  expiresAt: Date;

  @Field(() => GraphQLDateTime, { description: 'When it ends if not used before then.' })
  idleExpiresAt: Date;

  @Field(() => String, { nullable: true })
  userAgent: string | null;

  @Field(() => String, { nullable: true, description: 'The network address it signed in from.' })
  address: string | null;

  @Field(() => Boolean, { description: 'True for the session making this request.' })
  current: boolean;
}

@ObjectType({ description: 'An account and its one-time password, shown once.' })
export class StaffUserWithPassword {
  @Field(() => StaffUser)
  user: StaffUser;

  @Field(() => String, {
    nullable: true,
    description: 'To hand to the person; they must choose their own at the first sign-in.',
  })
  oneTimePassword: string | null;
}

@ObjectType()
export class ChangePasswordResult {
  @Field(() => StaffUser)
  user: StaffUser;

  @Field(() => Int, { description: 'How many other sessions of the user were signed out.' })
  sessionsRevoked: number;
}
