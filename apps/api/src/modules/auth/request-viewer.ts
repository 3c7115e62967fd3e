import { STAFF_USER_AGENT_HEADER } from '@folio/contract';
import type { IncomingMessage } from 'node:http';
import type { ApiTokenService } from './api-token.service.js';
import { InvalidCredentialsError } from './auth-errors.js';
import type { Viewer } from './viewer.js';
import { isSessionToken, type SessionService } from '../staff/session.service.js';

/**
 * Who sent the request. No Authorization header: anonymous. `Bearer session_…`: a staff
 * member's session; `Bearer folio_…`: an API token. Anything else, or a bearer that is not
 * live, is refused (401), never quietly treated as anonymous.
 */
export async function viewerOf(
  req: IncomingMessage,
  tokens: ApiTokenService,
  sessions: SessionService,
): Promise<Viewer | null> {
  const header = req.headers.authorization;
  if (header === undefined) return null;
  const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (bearer && isSessionToken(bearer)) {
    const viewer = await sessions.authenticate(bearer);
    if (!viewer) throw new InvalidCredentialsError('session');
    return viewer;
  }
  const viewer = bearer ? await tokens.authenticate(bearer) : null;
  if (!viewer) throw new InvalidCredentialsError('token');
  return viewer;
}

/**
 * The browser's User-Agent as the staff app forwards it, else the caller's own. Only shown to
 * the user in their sessions list, so it needs no proof.
 */
export function userAgentOf(req: IncomingMessage): string | null {
  const forwarded = req.headers[STAFF_USER_AGENT_HEADER];
  const value = typeof forwarded === 'string' ? forwarded : req.headers['user-agent'];
  return value ? value.slice(0, 300) : null;
}
