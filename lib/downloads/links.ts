import 'server-only';
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { authSecretIfSet } from '@/lib/auth/cookie';
import { env } from '@/lib/config/env';
import { isUuid } from '@/db/ids';

/**
 * Signed download links: `/api/v1/downloads/<itemId>?u=<userId>&e=<unix seconds>&s=<signature>`.
 * The signature ties the link to one owner, one library item and one moment of expiry, so the
 * file route needs no session (download managers carry no cookies) and no database read to turn
 * away a forged or stale link.
 */

export const DOWNLOAD_PATH_PREFIX = '/api/v1/downloads/';

export type DownloadLinkClaims = { itemId: string; userId: string; expiresAt: number };

export type LinkCheck =
  | { ok: true; claims: DownloadLinkClaims }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

const UNIX_SECONDS = /^[1-9]\d{0,11}$/;
// 32 bytes of HMAC-SHA256 in unpadded base64url.
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;

let derived: { secret: string; key: Buffer } | undefined;

/**
 * A key of its own, derived with HKDF: a link signature can never double as a session, webhook or
 * any other HMAC made from the same secret, and rotating DOWNLOAD_LINK_SECRET only retires links.
 */
function signingKey(): Buffer {
  const secret = env().DOWNLOAD_LINK_SECRET ?? authSecretIfSet();
  if (!secret) throw new Error('AUTH_SECRET is not set: download links cannot be signed.');
  if (derived?.secret !== secret) {
    const key = Buffer.from(hkdfSync('sha256', secret, 'arcade', 'arcade/download-link/v1', 32));
    derived = { secret, key };
  }
  return derived.key;
}

function signatureOf({ itemId, userId, expiresAt }: DownloadLinkClaims): string {
  return createHmac('sha256', signingKey())
    .update(`${itemId}.${userId}.${expiresAt}`)
    .digest('base64url');
}

/** The path of a signed link (relative: the caller decides the origin). */
export function signDownloadLink(claims: DownloadLinkClaims): string {
  const query = new URLSearchParams({
    u: claims.userId,
    e: String(claims.expiresAt),
    s: signatureOf(claims),
  });
  return `${DOWNLOAD_PATH_PREFIX}${claims.itemId}?${query.toString()}`;
}

/** A link for `itemId` owned by `userId`, valid DOWNLOAD_LINK_TTL_SECONDS from `now`. */
export function newDownloadLink(
  itemId: string,
  userId: string,
  now = Date.now(),
): { path: string; expiresAt: Date } {
  const expiresAt = Math.floor(now / 1000) + env().DOWNLOAD_LINK_TTL_SECONDS;
  return {
    path: signDownloadLink({ itemId, userId, expiresAt }),
    expiresAt: new Date(expiresAt * 1000),
  };
}

/**
 * Checks a link as the file route received it. The signature is compared as text in constant
 * time: comparing decoded bytes would accept a second spelling of the last base64 character.
 */
export function verifyDownloadLink(
  link: { itemId: string; u: string | null; e: string | null; s: string | null },
  now = Date.now(),
): LinkCheck {
  const { itemId, u, e, s } = link;
  if (
    !isUuid(itemId) ||
    !u ||
    !isUuid(u) ||
    !e ||
    !UNIX_SECONDS.test(e) ||
    !s ||
    !SIGNATURE.test(s)
  ) {
    return { ok: false, reason: 'malformed' };
  }
  const claims = { itemId, userId: u, expiresAt: Number(e) };
  const expected = Buffer.from(signatureOf(claims));
  if (!timingSafeEqual(expected, Buffer.from(s))) return { ok: false, reason: 'bad_signature' };
  if (now >= claims.expiresAt * 1000) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
