import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { AuthedContext, Context } from '../../graphql/context.js';
import { ForbiddenError } from '../../errors/api-errors.js';
import type { Viewer } from '../auth/viewer.js';
import type { SessionService } from './session.service.js';
import type { SignInService } from './sign-in.service.js';
import { StaffUser } from './staff-user.entity.js';
import type { StaffUserService } from './staff-user.service.js';
import { ChangePasswordResult, SignInResult, StaffSessionView } from './staff.types.js';

/** A staff member's own account: sign in and out, password, sessions. */
@Resolver()
export class StaffAccountResolver {
  constructor(
    private readonly signIns: SignInService,
    private readonly sessions: SessionService,
    private readonly users: StaffUserService,
  ) {}

  @Mutation(() => SignInResult, {
    description:
      'Public. A wrong password and an unknown email get the same SIGN_IN_FAILED; repeated failures RATE_LIMITED.',
  })
  async signIn(
    @Arg('email', () => String) email: string,
    @Arg('password', () => String) password: string,
    @Ctx() context: Context,
  ): Promise<SignInResult> {
    const { token, session, user } = await this.signIns.signIn(email, password, {
      userAgent: context.userAgent,
      address: context.clientAddress,
    });
    return {
      token,
      expiresAt: session.expiresAt,
      idleTimeoutMinutes: this.sessions.policy.idleMinutes,
      user,
    };
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Ends the session making the request.' })
  signOut(@Ctx() { viewer }: AuthedContext): Promise<boolean> {
    return this.signIns.signOut(requireSession(viewer));
  }

  @Authorized()
  @Mutation(() => ChangePasswordResult, {
    description: "Needs the current password; signs out the user's other sessions.",
  })
  changePassword(
    @Arg('currentPassword', () => String) currentPassword: string,
    @Arg('newPassword', () => String, { description: 'At least 12 characters.' })
    newPassword: string,
    @Ctx() { viewer, userAgent, clientAddress }: AuthedContext,
  ): Promise<ChangePasswordResult> {
    return this.signIns.changePassword(requireSession(viewer), currentPassword, newPassword, {
      userAgent,
      address: clientAddress,
    });
  }

  @Query(() => StaffUser, {
    nullable: true,
    description: 'The signed-in staff member; null without a session (anonymous or API token).',
  })
  async me(@Ctx() { viewer }: Context): Promise<StaffUser | null> {
    if (viewer?.kind !== 'session' || !viewer.userId) return null;
    return this.users.findById(viewer.userId);
  }

  @Authorized()
  @Query(() => [StaffSessionView], { description: "The signed-in user's live sessions." })
  async mySessions(@Ctx() { viewer }: AuthedContext): Promise<StaffSessionView[]> {
    const { userId, sessionId } = requireSession(viewer);
    const sessions = await this.sessions.listLive(userId!);
    return sessions.map((session) => ({
      id: session.id,
      createdAt: session.createdAt,
      lastSeenAt: session.lastSeenAt,
      expiresAt: session.expiresAt,
      idleExpiresAt: this.sessions.idleExpiry(session.lastSeenAt),
      userAgent: session.userAgent,
      address: session.address,
      current: session.id === sessionId,
    }));
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description: "Signs out one of the user's own sessions; false when it had already ended.",
  })
  revokeSession(
    @Arg('id', () => ID) id: string,
    @Ctx() { viewer }: AuthedContext,
  ): Promise<boolean> {
    const { userId } = requireSession(viewer);
    return this.sessions.revoke(userId!, id);
  }
}

function requireSession(viewer: Viewer): Viewer {
  if (viewer.kind !== 'session' || !viewer.userId)
    throw new ForbiddenError('This is for a signed-in staff member, not an API token.');
  return viewer;
}
