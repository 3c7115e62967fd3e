import type { Viewer } from '../auth/viewer.js';

/**
 * Who acted, as the audit trail and moderation decisions record it: a stable id and a name
 * to show. Staff act signed in to Studio (`user:<id>`, their display name) or through API
 * tokens (`token:<id>`, the token's name). The system and public callers have ids of their own.
 */
export interface Actor {
  id: string;
  name: string;
  /** Kept for the audit trail's link to api_tokens; null for anyone else. */
  tokenId: string | null;
  /** Kept for the audit trail's link to staff_users; null for anyone else. */
  userId: string | null;
}

export const SYSTEM_ACTOR: Actor = { id: 'system', name: 'system', tokenId: null, userId: null };

export function actorOf(viewer: Viewer): Actor {
  if (viewer.kind === 'session') {
    return { id: `user:${viewer.userId}`, name: viewer.name, tokenId: null, userId: viewer.userId };
  }
  return {
    id: `token:${viewer.tokenId}`,
    name: viewer.name,
    tokenId: viewer.tokenId,
    userId: null,
  };
}

/** Someone not signed in, known only by their network address (e.g. a failed sign-in). */
export function anonymousActor(address: string | null): Actor {
  return { id: `address:${address ?? 'unknown'}`, name: 'anonymous', tokenId: null, userId: null };
}

/** A staff member acting before they hold a session (signing in). */
export function userActor(user: { id: string; displayName: string }): Actor {
  return { id: `user:${user.id}`, name: user.displayName, tokenId: null, userId: user.id };
}

/** A reader acting through their report's receipt (an appeal). */
export function reporterActor(receipt: string): Actor {
  return { id: `receipt:${receipt}`, name: 'reporter', tokenId: null, userId: null };
}

export function toActor(who: Viewer | Actor | null): Actor {
  if (!who) return SYSTEM_ACTOR;
  return 'role' in who ? actorOf(who) : who;
}
