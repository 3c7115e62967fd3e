import type { DataSource } from 'typeorm';
import { BadUserInputError } from '../../errors/bad-user-input.error.js';
import { anonymousActor, userActor } from '../audit/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { SignInFailedError, SignInLockedError } from '../auth/auth-errors.js';
import { systemClock, type Clock } from '../auth/clock.js';
import type { Viewer } from '../auth/viewer.js';
import {
  hashPassword,
  normaliseEmail,
  PASSWORD_MAX_LENGTH,
  passwordProblem,
  prepareDummyHash,
  verifyAgainstDummy,
  verifyPassword,
} from './password.js';
import type { ClientInfo, SessionService } from './session.service.js';
import type { SignInLimiter } from './sign-in-limiter.js';
import { StaffSession } from './staff-session.entity.js';
import { StaffUser } from './staff-user.entity.js';

export interface SignedIn {
  token: string;
  session: StaffSession;
  user: StaffUser;
}

/** Signing in, signing out and changing one's password. */
export class SignInService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionService,
    private readonly limiter: SignInLimiter,
    private readonly clock: Clock = systemClock,
  ) {
    void prepareDummyHash();
  }

  /**
   * A wrong password, an unknown address and a deactivated account get the same error after
   * the same work (an argon2 verification), so neither the message nor its timing tells which
   * accounts exist. Repeated failures lock the email address typed and the caller's network
   * address for a while, whatever the password.
   *
   * The audit trail gets every sign-in (`user.sign_in`, with the session, address and
   * User-Agent) and every failed one that was checked (`user.sign_in_failed`, by the caller's
   * address, on the account when there is one), so admins see who got in and who tried. Every
   * failure writes the same one row, whether or not the account exists, to keep the timing
   * equal. Attempts refused while locked are not checked and not written: a hammering client
   * cannot fill the trail faster than the lockout lets it guess.
   */
  async signIn(email: string, password: string, client: ClientInfo): Promise<SignedIn> {
    const normalised = normaliseEmail(email);
    if (normalised.length > 254 || password.length > PASSWORD_MAX_LENGTH) {
      throw new SignInFailedError();
    }
    const address = client.address ?? 'unknown';
    const wait = await this.limiter.lockedFor(normalised, address);
    if (wait > 0) throw new SignInLockedError(wait);
    const user = await this.dataSource
      .getRepository(StaffUser)
      .findOne({ where: { email: normalised } });
    const ok =
      user && user.deactivatedAt === null
        ? await verifyPassword(user.passwordHash, password)
        : await verifyAgainstDummy(password);
    if (!ok || !user) {
      await this.limiter.recordFailure(normalised, address);
      await recordAudit(
        this.dataSource.manager,
        anonymousActor(client.address),
        'user.sign_in_failed',
        // Only an account's id is a target; an address nobody has is named in the details.
        { type: 'user', id: user?.id ?? 'unknown' },
        {
          email: normalised,
          reason: !user ? 'unknown email' : ok ? 'deactivated' : 'wrong password',
          ...clientDetails(client),
        },
      );
      throw new SignInFailedError();
    }
    await this.limiter.recordSuccess(normalised);
    return this.dataSource.transaction(async (manager) => {
      const { token, session } = await this.sessions.start(manager, user.id, client);
      user.lastSignInAt = session.createdAt;
      await manager.update(StaffUser, { id: user.id }, { lastSignInAt: session.createdAt });
      await recordAudit(
        manager,
        userActor(user),
        'user.sign_in',
        { type: 'user', id: user.id },
        { sessionId: session.id, ...clientDetails(client) },
      );
      return { token, session, user };
    });
  }

  async signOut(viewer: Viewer): Promise<boolean> {
    if (!viewer.userId || !viewer.sessionId) return false;
    const { userId, sessionId } = viewer;
    return this.dataSource.transaction(async (manager) => {
      const signedOut = await this.sessions.revoke(userId, sessionId, manager);
      if (signedOut) {
        await recordAudit(
          manager,
          viewer,
          'user.sign_out',
          { type: 'user', id: userId },
          {
            sessionId,
          },
        );
      }
      return signedOut;
    });
  }

  /**
   * Needs the current password, even for a one-time one. Every other session of the user ends:
   * whoever might have known the old password is signed out.
   */
  async changePassword(
    viewer: Viewer,
    currentPassword: string,
    newPassword: string,
    client: ClientInfo,
  ): Promise<{ user: StaffUser; sessionsRevoked: number }> {
    const user = viewer.userId
      ? await this.dataSource.getRepository(StaffUser).findOne({ where: { id: viewer.userId } })
      : null;
    if (!user) throw new BadUserInputError('Only a signed-in staff member has a password.');
    // Guesses of the current password count as failed sign-ins: a stolen session must not be
    // a way to try passwords without limit.
    const address = client.address ?? 'unknown';
    const wait = await this.limiter.lockedFor(user.email, address);
    if (wait > 0) throw new SignInLockedError(wait);
    if (
      currentPassword.length > PASSWORD_MAX_LENGTH ||
      !(await verifyPassword(user.passwordHash, currentPassword))
    ) {
      await this.limiter.recordFailure(user.email, address);
      throw new BadUserInputError('The current password is wrong.', 'currentPassword');
    }
    const problem = passwordProblem(newPassword);
    if (problem) throw new BadUserInputError(problem, 'newPassword');
    if (newPassword === currentPassword)
      throw new BadUserInputError(
        'Choose a password different from the current one.',
        'newPassword',
      );
    const passwordHash = await hashPassword(newPassword);
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      await manager.update(
        StaffUser,
        { id: user.id },
        { passwordHash, mustChangePassword: false, updatedAt: now },
      );
      const sessionsRevoked = await this.sessions.revokeAll(manager, user.id, viewer.sessionId);
      await recordAudit(
        manager,
        viewer,
        'user.change_password',
        { type: 'user', id: user.id },
        {
          sessionsRevoked,
        },
      );
      Object.assign(user, { passwordHash, mustChangePassword: false, updatedAt: now });
      return { user, sessionsRevoked };
    });
  }
}

function clientDetails(client: ClientInfo): { address: string | null; userAgent: string | null } {
  return { address: client.address, userAgent: client.userAgent };
}
