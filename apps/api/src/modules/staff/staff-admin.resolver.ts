import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { AuthedContext } from '../../graphql/context.js';
import { Role } from '../auth/role.js';
import { StaffUser } from './staff-user.entity.js';
import type { StaffUserService } from './staff-user.service.js';
import { CreateStaffUserInput } from './staff.inputs.js';
import { StaffUserWithPassword } from './staff.types.js';

/** Admins manage staff accounts; every change is in the audit trail. */
@Authorized(Role.ADMIN)
@Resolver()
export class StaffAdminResolver {
  constructor(private readonly users: StaffUserService) {}

  @Query(() => [StaffUser], { description: 'Every staff account, by display name.' })
  staffUsers(): Promise<StaffUser[]> {
    return this.users.list();
  }

  @Mutation(() => StaffUserWithPassword, {
    description: 'A new account with a one-time password, returned once.',
  })
  createStaffUser(
    @Arg('input', () => CreateStaffUserInput) input: CreateStaffUserInput,
    @Ctx() { viewer }: AuthedContext,
  ): Promise<StaffUserWithPassword> {
    return this.users.create(input, viewer);
  }

  @Mutation(() => StaffUser, { description: 'Takes effect on their next request.' })
  setStaffUserRole(
    @Arg('id', () => ID) id: string,
    @Arg('role', () => Role) role: Role,
    @Ctx() { viewer }: AuthedContext,
  ): Promise<StaffUser> {
    return this.users.setRole(viewer, id, role);
  }

  @Mutation(() => StaffUser, { description: 'Blocks sign-in and ends every session at once.' })
  deactivateStaffUser(
    @Arg('id', () => ID) id: string,
    @Ctx() { viewer }: AuthedContext,
  ): Promise<StaffUser> {
    return this.users.deactivate(viewer, id);
  }

  @Mutation(() => StaffUser)
  reactivateStaffUser(
    @Arg('id', () => ID) id: string,
    @Ctx() { viewer }: AuthedContext,
  ): Promise<StaffUser> {
    return this.users.reactivate(viewer, id);
  }

  @Mutation(() => StaffUserWithPassword, {
    description: 'A new one-time password for someone who lost theirs; ends their sessions.',
  })
  resetStaffUserPassword(
    @Arg('id', () => ID) id: string,
    @Ctx() { viewer }: AuthedContext,
  ): Promise<StaffUserWithPassword> {
    return this.users.resetPassword(viewer, id);
  }
}
