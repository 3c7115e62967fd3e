import { createHmac, timingSafeEqual } from 'node:crypto';

// A preview token names its link and its expiry, signed with HMAC-SHA256:
//   <link id>.<expiry, unix seconds>.<signature, base64url>
// Anything not signed with our key is refused without touching the database; revocation is
// checked in the database, where the link is.

const TOKEN =
  /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

export interface PreviewClaims {
  linkId: string;
  expiresAt: Date;
}

function signature(key: Buffer, linkId: string, expirySeconds: number): Buffer {
  return createHmac('sha256', key).update(`folio-preview:${linkId}.${expirySeconds}`).digest();
}

export function signPreviewToken(key: Buffer, { linkId, expiresAt }: PreviewClaims): string {
  const expiry = Math.floor(expiresAt.getTime() / 1000);
  return `${linkId}.${expiry}.${signature(key, linkId, expiry).toString('base64url')}`;
}

/** The claims of a token we signed, or null for anything else (whether or not it expired). */
export function verifyPreviewToken(key: Buffer, token: string): PreviewClaims | null {
  const match = TOKEN.exec(token);
  if (!match) return null;
  const [, linkId, expiry] = match;
  const expected = signature(key, linkId!, Number(expiry));
  const given = Buffer.from(match[3]!, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { linkId: linkId!, expiresAt: new Date(Number(expiry) * 1000) };
}

/**
 * The signing key: PREVIEW_SECRET, or else one derived from REPORTER_KEY_SECRET (which
 * production requires to be set), so previews work everywhere with nothing more to configure
 * and PREVIEW_SECRET can be rotated alone to invalidate every link at once.
 */
export function previewKey(previewSecret: string | undefined, reporterKeySecret: string): Buffer {
  if (previewSecret) return Buffer.from(previewSecret, 'utf8');
  return createHmac('sha256', reporterKeySecret).update('folio preview links').digest();
}
