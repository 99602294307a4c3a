import 'server-only';
import { runAfterResponse } from '@/lib/http/after-response';
import { randomBytes } from 'node:crypto';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import { sessions, users } from '@/db/schema';
import { env } from '@/lib/config/env';
import { describeDevice } from '@/lib/http/user-agent';
import type { RequestMeta } from '@/lib/http/request-meta';
import type { Kv } from '@/lib/kv/types';
import { primaryDb } from './db';
import {
  EPOCH_KEY,
  idleMs,
  liveKey,
  parseCopy,
  SID_PATTERN,
  TOMBSTONE,
  touchKey,
  touchSeconds,
  withSessionKv,
  type LiveCopy,
} from './session-store';
import type { Role, SessionInfo, SessionUser, UserStatus } from './types';

function userOf(sid: string, copy: LiveCopy): SessionUser {
  return { id: copy.userId, email: copy.email, name: copy.name, role: copy.role, sid };
}

function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

export type SessionOwner = {
  id: string;
  email: string;
  name: string;
  role: Role;
  status: UserStatus;
};

/** Opens a new server-side session (a fresh id at every login, so no id is ever reused). */
export async function createSession(user: SessionOwner, meta: RequestMeta): Promise<SessionUser> {
  const sid = newSessionId();
  const now = Date.now();
  const expiresAt = now + env().SESSION_MAX_AGE_SECONDS * 1000;
  const db = await primaryDb();
  await db.insert(sessions).values({
    id: sid,
    userId: user.id,
    createdAt: new Date(now),
    lastSeenAt: new Date(now),
    expiresAt: new Date(expiresAt),
    ip: meta.ip,
    userAgent: meta.userAgent,
  });
  const copy: LiveCopy = {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    status: user.status,
    expiresAt,
    checkedAt: now,
  };
  // Without Redis the session still works: the first check will find it in Postgres.
  await withSessionKv(
    async (kv) => {
      await kv
        .pipeline()
        .set(liveKey(sid), copy, { px: idleMs() })
        .set(touchKey(sid), 1, { ex: touchSeconds() })
        .exec();
    },
    () => undefined,
  );
  return userOf(sid, copy);
}

/**
 * The user of a live session, or null when it was revoked, expired (absolute or idle) or its user
 * was disabled. Slides the idle window as a side effect.
 */
export async function checkSession(sid: string): Promise<SessionUser | null> {
  if (!SID_PATTERN.test(sid)) return null;
  const now = Date.now();
  return withSessionKv(
    (kv) => checkWithKv(kv, sid, now),
    () => checkInPostgres(sid, now),
  );
}

async function checkWithKv(kv: Kv, sid: string, now: number): Promise<SessionUser | null> {
  const ttl = idleMs();
  const [cached, , touchDue, epoch] = await kv
    .pipeline()
    .get(liveKey(sid))
    .pexpire(liveKey(sid), ttl)
    .set(touchKey(sid), 1, { nx: true, ex: touchSeconds() })
    .get(EPOCH_KEY)
    .exec();
  const copy = parseCopy(cached);
  if (copy && 'dead' in copy) return null;
  if (copy) {
    if (copy.expiresAt <= now || copy.status !== 'active') return null;
    const suspect = typeof epoch === 'number' && copy.checkedAt < epoch;
    // A copy made before an outage may have missed a revocation: it is checked before answering.
    if (suspect) return touchAndVerify(kv, sid, copy, now, true);
    if (touchDue === true) {
      // The once-a-minute touch runs after the response: a crowd whose sessions all fell due at
      // once (a flash sale after a countdown) must not queue behind a write each. A revocation
      // buries the copy itself; the touch is the backstop, one request later at most.
      void runAfterResponse('session touch', async () => {
        await touchAndVerify(kv, sid, copy, now, false);
      });
    }
    return userOf(sid, copy);
  }
  const alive = await loadAliveSession(sid, now);
  if (!alive) {
    await kv.set(liveKey(sid), TOMBSTONE, { px: ttl });
    return null;
  }
  // NX: a tombstone written meanwhile by a revocation must win over this copy.
  await kv.set(liveKey(sid), alive, { px: ttl, nx: true });
  return userOf(sid, alive);
}

/** Writes last_seen_at and re-reads the user; refreshes or buries the copy if Postgres disagrees. */
async function touchAndVerify(
  kv: Kv,
  sid: string,
  copy: LiveCopy,
  now: number,
  rewrite: boolean,
): Promise<SessionUser | null> {
  const db = await primaryDb();
  // Raw SQL (one statement for update + read) takes timestamps as text: drivers differ on Dates.
  const at = new Date(now).toISOString();
  const result = await db.execute(sql`
    with touched as (
      update ${sessions} set last_seen_at = ${at}::timestamptz
      where id = ${sid} and revoked_at is null and expires_at > ${at}::timestamptz
      returning user_id, expires_at
    )
    select u.id, u.email, u.name, u.role, u.status, t.expires_at
    from touched t join ${users} u on u.id = t.user_id
  `);
  const [row] = rowsOf<{
    id: string;
    email: string;
    name: string;
    role: Role;
    status: UserStatus;
    expires_at: Date | string;
  }>(result);
  if (!row || row.status !== 'active') {
    await kv.set(liveKey(sid), TOMBSTONE, { px: idleMs() });
    return null;
  }
  const fresh: LiveCopy = {
    userId: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    status: row.status,
    expiresAt: new Date(row.expires_at).getTime(),
    checkedAt: now,
  };
  if (
    rewrite ||
    fresh.email !== copy.email ||
    fresh.name !== copy.name ||
    fresh.role !== copy.role
  ) {
    await kv.set(liveKey(sid), fresh, { px: idleMs() });
  }
  return userOf(sid, fresh);
}

/** The session as Postgres sees it, alive only if not revoked, not expired and not idle. */
async function loadAliveSession(sid: string, now: number): Promise<LiveCopy | null> {
  const db = await primaryDb();
  const [row] = await db
    .select({
      userId: sessions.userId,
      expiresAt: sessions.expiresAt,
      lastSeenAt: sessions.lastSeenAt,
      email: users.email,
      name: users.name,
      role: users.role,
      status: users.status,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, sid),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, new Date(now)),
        gt(sessions.lastSeenAt, new Date(now - idleMs())),
        eq(users.status, 'active'),
      ),
    )
    .limit(1);
  if (!row) return null;
  if (row.lastSeenAt.getTime() < now - touchSeconds() * 1000) {
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(now) })
      .where(and(eq(sessions.id, sid), isNull(sessions.revokedAt)));
  }
  const { lastSeenAt: _seen, expiresAt, ...rest } = row;
  return { ...rest, expiresAt: expiresAt.getTime(), checkedAt: now };
}

async function checkInPostgres(sid: string, now: number): Promise<SessionUser | null> {
  const alive = await loadAliveSession(sid, now);
  return alive ? userOf(sid, alive) : null;
}

/** A user's live sessions, most recently used first, with the current one marked. */
export async function listSessions(userId: string, currentSid?: string): Promise<SessionInfo[]> {
  const now = Date.now();
  const db = await primaryDb();
  const rows = await db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, new Date(now)),
        gt(sessions.lastSeenAt, new Date(now - idleMs())),
      ),
    )
    .orderBy(desc(sessions.lastSeenAt))
    .limit(100);
  return rows.map((row) => ({
    id: row.id,
    device: describeDevice(row.userAgent),
    userAgent: row.userAgent,
    ip: row.ip,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    current: row.id === currentSid,
  }));
}
