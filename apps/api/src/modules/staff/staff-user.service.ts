import { type DataSource, type EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '../../errors/api-errors.js';
import { BadUserInputError } from '../../errors/bad-user-input.error.js';
import { isUuid } from '../../graphql/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { ROLES, type Role } from '../auth/role.js';
import type { Viewer } from '../auth/viewer.js';
import { hashPassword, normaliseEmail, oneTimePassword, passwordProblem } from './password.js';
import type { SessionService } from './session.service.js';
import { StaffUser } from './staff-user.entity.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface NewStaffUser {
  email: string;
  displayName: string;
  role: Role;
  /** A password of the operator's choosing; none: a one-time password is made and returned. */
  password?: string | null;
}

/** Admins' management of staff accounts; the first admin comes from `npm run user:create`. */
export class StaffUserService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionService | null = null,
  ) {}

  /**
   * Creates an account. Without a password it gets a one-time one, returned here once, that
   * must be changed at the first sign-in.
   */
  async create(
    input: NewStaffUser,
    actor: Viewer | null,
  ): Promise<{ user: StaffUser; oneTimePassword: string | null }> {
    const email = normaliseEmail(input.email);
    const displayName = input.displayName.trim();
    if (email.length > 254 || !EMAIL.test(email))
      throw new BadUserInputError(`"${input.email}" is not an email address.`, 'email');
    if (displayName.length < 1 || displayName.length > 100)
      throw new BadUserInputError('The display name must have 1 to 100 characters.', 'displayName');
    if (!ROLES.includes(input.role))
      throw new BadUserInputError(`The role must be one of ${ROLES.join(', ')}.`, 'role');
    const generated = input.password ? null : oneTimePassword();
    const password = input.password ?? generated!;
    const problem = passwordProblem(password);
    if (problem) throw new BadUserInputError(problem, 'password');
    const passwordHash = await hashPassword(password);
    return this.dataSource.transaction(async (manager) => {
      if (await manager.exists(StaffUser, { where: { email } })) {
        throw new ConflictError(`An account with the email address ${email} already exists.`);
      }
      const user = await manager.save(
        manager.create(StaffUser, {
          email,
          displayName,
          role: input.role,
          passwordHash,
          mustChangePassword: generated !== null,
        }),
      );
      await recordAudit(manager, actor, 'user.create', userTarget(user), {
        email,
        role: user.role,
      });
      return { user, oneTimePassword: generated };
    });
  }

  list(): Promise<StaffUser[]> {
    return this.dataSource.getRepository(StaffUser).find({ order: { displayName: 'ASC' } });
  }

  findById(id: string): Promise<StaffUser | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.dataSource.getRepository(StaffUser).findOne({ where: { id } });
  }

  async setRole(actor: Viewer, id: string, role: Role): Promise<StaffUser> {
    return this.change(actor, id, 'user.role', async (manager, user) => {
      const before = user.role;
      if (user.id === actor.userId && role !== user.role)
        throw new BadUserInputError('You cannot change your own role; ask another admin.', 'id');
      user.role = role;
      await manager.save(user);
      return { from: before, to: role };
    });
  }

  /** The account can no longer sign in, and its sessions end now. */
  async deactivate(actor: Viewer, id: string): Promise<StaffUser> {
    return this.change(actor, id, 'user.deactivate', async (manager, user) => {
      if (user.id === actor.userId)
        throw new BadUserInputError('You cannot deactivate your own account.', 'id');
      user.deactivatedAt ??= new Date();
      await manager.save(user);
      const revoked = await this.requireSessions().revokeAll(manager, user.id);
      return { sessionsRevoked: revoked };
    });
  }

  async reactivate(actor: Viewer, id: string): Promise<StaffUser> {
    return this.change(actor, id, 'user.reactivate', async (manager, user) => {
      user.deactivatedAt = null;
      await manager.save(user);
      return {};
    });
  }

  /** A new one-time password for someone who lost theirs; their sessions end. */
  async resetPassword(
    actor: Viewer,
    id: string,
  ): Promise<{ user: StaffUser; oneTimePassword: string }> {
    const password = oneTimePassword();
    const passwordHash = await hashPassword(password);
    const user = await this.change(actor, id, 'user.reset_password', async (manager, found) => {
      found.passwordHash = passwordHash;
      found.mustChangePassword = true;
      await manager.save(found);
      return { sessionsRevoked: await this.requireSessions().revokeAll(manager, found.id) };
    });
    return { user, oneTimePassword: password };
  }

  private async change(
    actor: Viewer,
    id: string,
    action: string,
    apply: (manager: EntityManager, user: StaffUser) => Promise<Record<string, unknown>>,
  ): Promise<StaffUser> {
    return this.dataSource.transaction(async (manager) => {
      const user = isUuid(id)
        ? await manager.findOne(StaffUser, { where: { id }, lock: { mode: 'pessimistic_write' } })
        : null;
      if (!user) throw new NotFoundError(`Staff user ${id}`);
      const details = await apply(manager, user);
      await manager.update(StaffUser, { id: user.id }, { updatedAt: new Date() });
      await recordAudit(manager, actor, action, userTarget(user), details);
      return user;
    });
  }

  private requireSessions(): SessionService {
    if (!this.sessions) throw new Error('StaffUserService needs the SessionService for this');
    return this.sessions;
  }
}

function userTarget(user: StaffUser) {
  return { type: 'user' as const, id: user.id };
}
