import { UnauthenticatedError } from '../../errors/api-errors.js';
import type { ApiTokenService } from './api-token.service.js';
import type { Viewer } from './viewer.js';

/** No Authorization header: anonymous. A header that is not a live token: refused, not ignored. */
export async function viewerFromAuthorization(
  header: string | undefined,
  tokens: ApiTokenService,
): Promise<Viewer | null> {
  if (header === undefined) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const viewer = match ? await tokens.authenticate(match[1]!) : null;
  if (!viewer) throw new UnauthenticatedError('The API token is malformed, unknown or revoked.');
  return viewer;
}
