import type { AuthChecker } from 'type-graphql';
import { ForbiddenError, UnauthenticatedError } from '../../errors/api-errors.js';
import type { Context } from '../../graphql/context.js';
import type { Role } from './role.js';
import { hasRole } from './viewer.js';

/**
 * type-graphql's @Authorized(...roles): a valid token whose role is listed (admins pass all).
 * Throws itself so callers learn which of the two is missing: a token, or the right role.
 */
export const authChecker: AuthChecker<Context, Role> = ({ context }, roles) => {
  if (!context.viewer) throw new UnauthenticatedError();
  if (!hasRole(context.viewer, roles)) {
    throw new ForbiddenError(
      `This needs the ${roles.join(' or ')} role; this token has ${context.viewer.role}.`,
    );
  }
  return true;
};
