import type { DataSource } from 'typeorm';
import type { Env } from '../../env.js';
import type { Clock } from '../auth/clock.js';
import { SessionService, type SessionPolicy } from './session.service.js';
import { SignInLimiter } from './sign-in-limiter.js';
import { SignInService } from './sign-in.service.js';
import { StaffAccountResolver } from './staff.resolver.js';
import { StaffAdminResolver } from './staff-admin.resolver.js';
import { StaffUserService } from './staff-user.service.js';

export type StaffEnv = Pick<
  Env,
  | 'SESSION_IDLE_MINUTES'
  | 'SESSION_MAX_HOURS'
  | 'SIGN_IN_MAX_FAILURES'
  | 'SIGN_IN_LOCKOUT_MINUTES'
  | 'SIGN_IN_MAX_FAILURES_PER_ADDRESS'
>;

export const staffResolvers = [StaffAccountResolver, StaffAdminResolver] as const;

export function sessionPolicy(env: StaffEnv): SessionPolicy {
  return { idleMinutes: env.SESSION_IDLE_MINUTES, maxHours: env.SESSION_MAX_HOURS };
}

/** The staff module's resolvers, wired; `closers` gets what must be released at shutdown. */
export function createStaffResolvers(
  dataSource: DataSource,
  env: StaffEnv,
  clock: Clock,
  closers: Array<() => Promise<void>>,
): Array<[unknown, unknown]> {
  const sessions = new SessionService(dataSource, sessionPolicy(env), clock);
  const limiter = new SignInLimiter(dataSource, {
    failuresPerAccount: env.SIGN_IN_MAX_FAILURES,
    lockoutMinutes: env.SIGN_IN_LOCKOUT_MINUTES,
    failuresPerAddress: env.SIGN_IN_MAX_FAILURES_PER_ADDRESS,
    addressWindowMinutes: 60,
  });
  closers.push(() => limiter.close());
  const users = new StaffUserService(dataSource, sessions);
  const signIns = new SignInService(dataSource, sessions, limiter, clock);
  return [
    [StaffAccountResolver, new StaffAccountResolver(signIns, sessions, users)],
    [StaffAdminResolver, new StaffAdminResolver(users)],
  ];
}
