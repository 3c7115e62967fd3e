import type { AuthChecker } from 'type-graphql';
import { ForbiddenError, UnauthenticatedError } from '../../errors/api-errors.js';
import type { Context } from '../../graphql/context.js';
import type { Role } from './role.js';
import { hasRole } from './viewer.js';
import { PasswordChangeRequiredError } from './auth-errors.js';

/**
 * type-graphql's @Authorized(...roles): a live session or token whose role is listed (admins
 * pass all). Throws itself so callers learn which is missing: a sign-in, or the right role.
 * `@Authorized()` with no role admits any signed-in caller (sign out, change password).
 */
export const authChecker: AuthChecker<Context, Role> = ({ context }, roles) => {
  const { viewer } = context;
  if (!viewer) throw new UnauthenticatedError();
  // A one-time password is for reaching the change-password form, nothing else.
  if (viewer.passwordChangeRequired && roles.length > 0) throw new PasswordChangeRequiredError();
  if (!hasRole(viewer, roles)) {
    throw new ForbiddenError(
      viewer.kind === 'token'
        ? `This needs the ${roles.join(' or ')} role; this token has ${viewer.role}.`
        : `This needs the ${roles.join(' or ')} role; you are signed in as ${viewer.role}.`,
    );
  }
  return true;
};
