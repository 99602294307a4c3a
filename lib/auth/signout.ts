import 'server-only';
import { NotFoundError } from '@/lib/errors';
import { decodeSessionToken } from './cookie';
import { revokeAllSessions, revokeSession } from './revocation';
import type { SessionUser } from './types';

/** Logs out the session a cookie names (a no-op for a missing, forged or already-dead cookie). */
export async function signOutToken(token: string | undefined | null): Promise<void> {
  const claims = await decodeSessionToken(token);
  if (claims) await revokeSession(claims.sid, { userId: claims.sub });
}

/** Revokes one of the user's own sessions; someone else's id is indistinguishable from no session. */
export async function revokeOwnSession(
  user: SessionUser,
  sid: string,
): Promise<{ current: boolean }> {
  if (!(await revokeSession(sid, { userId: user.id })))
    throw new NotFoundError('No such active session.');
  return { current: sid === user.sid };
}

export function signOutEverywhere(user: SessionUser): Promise<number> {
  return revokeAllSessions(user.id);
}
