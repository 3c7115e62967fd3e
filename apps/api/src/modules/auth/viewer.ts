import { Role } from './role.js';

/** Who is calling: a token's holder, or nobody (an anonymous reader). */
export interface Viewer {
  tokenId: string;
  name: string;
  role: Role;
}

/** Admins hold every role; anyone else holds exactly their own. */
export function hasRole(viewer: Viewer | null, roles: readonly Role[]): boolean {
  if (!viewer) return false;
  return roles.length === 0 || viewer.role === Role.ADMIN || roles.includes(viewer.role);
}

declare module '../../graphql/context.js' {
  interface Context {
    /** Who is calling: null for anonymous readers. */
    viewer: Viewer | null;
  }
}
