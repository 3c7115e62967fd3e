import { Role } from './role.js';

/** How a caller proved who they are: a staff member's session, or an integration's API token. */
export type ViewerKind = 'session' | 'token';

/** Who is calling: a signed-in staff member, a token's holder, or nobody (an anonymous reader). */
export interface Viewer {
  kind: ViewerKind;
  /** The staff user, for a session; null for an API token. */
  userId: string | null;
  /** The session, so it can be signed out or kept when the others are revoked. */
  sessionId: string | null;
  /** The API token, for a token; null for a session. */
  tokenId: string | null;
  /** The user's display name, or the token's name: what the audit trail shows. */
  name: string;
  role: Role;
  /** A session whose user still has a one-time password may only change it (or sign out). */
  passwordChangeRequired?: boolean;
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
