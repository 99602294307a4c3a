import 'server-only';
import { and, eq, gt, isNull, ne } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { sessions } from '@/db/schema';
import { log } from '@/lib/log';
import { primaryDb } from './db';
import { idleMs, liveKey, SID_PATTERN, TOMBSTONE, withSessionKv } from './session-store';

// Tombstones that could not be written because Redis was down; retried until it answers (the
// epoch covers the copies meanwhile, and the periodic touch if this process dies first).
const pendingTombstones = new Set<string>();
let retryTimer: NodeJS.Timeout | undefined;
const MAX_PENDING = 50_000;

async function buryCopies(sids: string[]): Promise<void> {
  if (sids.length === 0) return;
  const written = await withSessionKv(
    async (kv) => {
      const pipeline = kv.pipeline();
      for (const sid of sids) pipeline.set(liveKey(sid), TOMBSTONE, { px: idleMs() });
      await pipeline.exec();
      return true;
    },
    () => false,
  );
  if (written) return;
  for (const sid of sids) if (pendingTombstones.size < MAX_PENDING) pendingTombstones.add(sid);
  log.warn(
    { sessions: sids.length },
    'Redis unavailable: session revocation recorded in Postgres, Redis copies retried later',
  );
  scheduleTombstoneRetry();
}

function scheduleTombstoneRetry(): void {
  if (retryTimer) return;
  retryTimer = setTimeout(() => {
    retryTimer = undefined;
    const sids = [...pendingTombstones];
    pendingTombstones.clear();
    void buryCopies(sids);
  }, 1_000);
  retryTimer.unref();
}

/** Revokes one session; with `userId`, only if it belongs to that user. False when there was none. */
export async function revokeSession(
  sid: string,
  options: { userId?: string } = {},
): Promise<boolean> {
  if (!SID_PATTERN.test(sid)) return false;
  const db = await primaryDb();
  const conditions = [eq(sessions.id, sid), isNull(sessions.revokedAt)];
  if (options.userId) conditions.push(eq(sessions.userId, options.userId));
  const rows = await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(...conditions))
    .returning({ id: sessions.id });
  await buryCopies(rows.map((r) => r.id));
  return rows.length > 0;
}

/**
 * Marks all of a user's sessions revoked in Postgres (inside the caller's transaction when given)
 * and returns their ids; pass them to `forgetRevokedSessions` after the commit.
 */
export async function markSessionsRevoked(
  db: DbOrTx,
  userId: string,
  exceptSid?: string,
): Promise<string[]> {
  const conditions = [eq(sessions.userId, userId), isNull(sessions.revokedAt)];
  if (exceptSid) conditions.push(ne(sessions.id, exceptSid));
  const rows = await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(...conditions))
    .returning({ id: sessions.id });
  return rows.map((r) => r.id);
}

export function forgetRevokedSessions(sids: string[]): Promise<void> {
  return buryCopies(sids);
}

/**
 * Signs a user out everywhere (optionally keeping one session): effective on the next request on
 * every instance. Returns how many sessions were revoked.
 */
export async function revokeAllSessions(
  userId: string,
  options: { exceptSid?: string } = {},
): Promise<number> {
  const db = await primaryDb();
  const sids = await markSessionsRevoked(db, userId, options.exceptSid);
  await buryCopies(sids);
  return sids.length;
}

/**
 * Drops the cached copies of a user's live sessions after their name, role or status changed; the
 * next check reloads them from Postgres.
 */
export async function refreshUserSessions(userId: string): Promise<void> {
  const db = await primaryDb();
  const rows = await db
    .select({ id: sessions.id })
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, new Date()),
      ),
    );
  if (rows.length === 0) return;
  await withSessionKv(
    async (kv) => {
      await kv.del(...rows.map((r) => liveKey(r.id)));
    },
    () => undefined,
  );
}
