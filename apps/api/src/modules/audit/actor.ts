import type { Viewer } from '../auth/viewer.js';

/**
 * Who acted, as the audit trail and moderation decisions record it: a stable id and a name
 * to show. Today staff act through API tokens (`token:<id>`, the token's name); Studio's user
 * accounts only need to change `actorOf`. The system and public callers have ids of their own.
 */
export interface Actor {
  id: string;
  name: string;
  /** Kept for the audit trail's link to api_tokens; null for anyone else. */
  tokenId: string | null;
}

export const SYSTEM_ACTOR: Actor = { id: 'system', name: 'system', tokenId: null };

export function actorOf(viewer: Viewer): Actor {
  return { id: `token:${viewer.tokenId}`, name: viewer.name, tokenId: viewer.tokenId };
}

/** A reader acting through their report's receipt (an appeal). */
export function reporterActor(receipt: string): Actor {
  return { id: `receipt:${receipt}`, name: 'reporter', tokenId: null };
}

export function toActor(who: Viewer | Actor | null): Actor {
  if (!who) return SYSTEM_ACTOR;
  return 'role' in who ? actorOf(who) : who;
}
