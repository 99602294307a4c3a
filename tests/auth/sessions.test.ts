import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { getDb, queryCount } from '@/db/client';
import { sessions } from '@/db/schema';
import { POST as login } from '@/app/api/v1/auth/login/route';
import { POST as logout } from '@/app/api/v1/auth/logout/route';
import { GET as me } from '@/app/api/v1/auth/me/route';
import { decodeSessionToken } from '@/lib/auth/cookie';
import {
  disableUser,
  enableUser,
  updateProfile,
  revokeAllSessions,
  sessionCookie,
  userFromSessionToken,
} from '@/lib/auth';
import { createUpstashKv, getKv, resetKvForTests } from '@/lib/kv';
import { PASSWORD, signUp } from './accounts';
import { apiRequest, bodyOf, ctx, sessionCookieOf, setEnv } from './support';

const liveKv = () => createUpstashKv({ url: inject('bridgeUrl'), token: inject('bridgeToken') });
/** Nothing listens on port 1: every call fails at once, as with Redis down. */
const deadKv = () =>
  createUpstashKv({ url: 'http://127.0.0.1:1', token: 'unused-token-0123456789' });

async function signIn(email: string) {
  const res = await login(
    apiRequest('/api/v1/auth/login', { body: { email, password: PASSWORD } }),
    ctx(),
  );
  expect(res.status).toBe(200);
  return sessionCookieOf(res);
}

const status = async (cookie: string) =>
  (await me(apiRequest('/api/v1/auth/me', { cookie }), ctx())).status;

async function sidOf(cookie: string): Promise<string> {
  const claims = await decodeSessionToken(
    decodeURIComponent(cookie.slice(cookie.indexOf('=') + 1)),
  );
  if (!claims) throw new Error('not a session cookie');
  return claims.sid;
}

async function lastSeen(sid: string): Promise<number> {
  const db = await getDb();
  const [row] = await db.select().from(sessions).where(eq(sessions.id, sid));
  return row!.lastSeenAt.getTime();
}

beforeAll(() => {
  setEnv({ TRUST_PROXY: 'true' });
});

afterEach(() => {
  setEnv({ SESSION_IDLE_SECONDS: undefined });
  resetKvForTests();
});

describe('the live session copy in Redis', () => {
  it('answers /me from Redis without a database query while the session is warm', async () => {
    const { cookie } = await signUp();
    expect(await status(cookie)).toBe(200);
    const before = queryCount();
    const res = await me(apiRequest('/api/v1/auth/me', { cookie }), ctx());
    expect(res.status).toBe(200);
    expect(queryCount()).toBe(before);
  });

  it('writes last_seen_at at most once per touch interval, not on every request', async () => {
    const { cookie } = await signUp();
    const sid = await sidOf(cookie);
    const created = await lastSeen(sid);
    for (let i = 0; i < 5; i++) expect(await status(cookie)).toBe(200);
    expect(await lastSeen(sid)).toBe(created);

    // The per-session marker expiring is what "a minute later" looks like to the check.
    await getKv().del(`sess-touch:${sid}`);
    await new Promise((r) => setTimeout(r, 5));
    expect(await status(cookie)).toBe(200);
    expect(await lastSeen(sid)).toBeGreaterThan(created);
  });

  it('rebuilds a lost copy from Postgres and keeps the session alive', async () => {
    const { cookie } = await signUp();
    const sid = await sidOf(cookie);
    await getKv().del(`sess:${sid}`);
    expect(await status(cookie)).toBe(200);
    expect(await getKv().get(`sess:${sid}`)).toMatchObject({ name: 'Sam', role: 'customer' });
  });

  it('shows a new name on /me right after a profile edit', async () => {
    const { cookie } = await signUp();
    const user = await userFromSessionToken(decodeURIComponent(cookie.split('=')[1]!));
    await updateProfile(user!, { name: 'Samantha' });
    const res = await me(apiRequest('/api/v1/auth/me', { cookie }), ctx());
    expect(((await bodyOf(res)) as { name: string }).name).toBe('Samantha');
  });

  it('refuses a genuine cookie whose user is not the owner of the session it names', async () => {
    const victim = await signUp();
    const intruder = await signUp();
    const minted = await sessionCookie({
      sub: intruder.userId,
      sid: await sidOf(victim.cookie),
      role: 'customer',
    });
    const cookie = `${minted.name}=${encodeURIComponent(minted.value)}`;
    expect(await status(cookie)).toBe(401);
    // Cold copy as well: the answer comes from Postgres, not only from Redis.
    await getKv().del(`sess:${await sidOf(victim.cookie)}`);
    expect(await status(cookie)).toBe(401);
    expect(await status(victim.cookie)).toBe(200);
  });
});

describe('revocation across instances', () => {
  it('a sign-out everywhere on one instance is refused on the other at its next request', async () => {
    const { email, cookie } = await signUp();
    const phone = await signIn(email);
    const instanceA = liveKv();
    const instanceB = liveKv();

    resetKvForTests({ kv: instanceA });
    expect(await status(cookie)).toBe(200);
    expect(await status(phone)).toBe(200);

    // Instance B: its own Redis client and freshly loaded modules, sharing only Redis and Postgres.
    resetKvForTests({ kv: instanceB });
    vi.resetModules();
    const b = await import('@/app/api/v1/auth/sessions/route');
    const res = await b.DELETE(
      apiRequest('/api/v1/auth/sessions', { method: 'DELETE', cookie: phone }),
      ctx(),
    );
    expect(res.status).toBe(204);

    resetKvForTests({ kv: instanceA });
    expect(await status(cookie)).toBe(401);
    expect(await status(phone)).toBe(401);
  });

  it('records revocation in Postgres as well as Redis', async () => {
    const { userId, cookie } = await signUp();
    await logout(apiRequest('/api/v1/auth/logout', { method: 'POST', cookie }), ctx());
    const db = await getDb();
    const [row] = await db.select().from(sessions).where(eq(sessions.userId, userId));
    expect(row!.revokedAt).toBeInstanceOf(Date);
    expect(await getKv().get(`sess:${await sidOf(cookie)}`)).toEqual({ dead: true });
  });

  it('logs a disabled user out everywhere and keeps them out until enabled', async () => {
    const { email, userId, cookie } = await signUp();
    const other = await signIn(email);
    await disableUser(userId);
    expect(await status(cookie)).toBe(401);
    expect(await status(other)).toBe(401);
    const refused = await login(
      apiRequest('/api/v1/auth/login', { body: { email, password: PASSWORD } }),
      ctx(),
    );
    // The right password is told the account is disabled (tests/auth/disabled-login.test.ts).
    expect(refused.status).toBe(403);
    expect(((await bodyOf(refused)) as { error: { code: string } }).error.code).toBe('forbidden');

    await enableUser(userId);
    expect(await status(await signIn(email))).toBe(200);
  });
});

describe('expiry', () => {
  it('slides the idle window on use and ends the session after it passes unused', async () => {
    setEnv({ SESSION_IDLE_SECONDS: '5' });
    const { cookie } = await signUp();
    const sid = await sidOf(cookie);
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await status(cookie)).toBe(200);
    await new Promise((r) => setTimeout(r, 3_000));
    // Six seconds after login, but only three since the last use.
    expect(await status(cookie)).toBe(200);
    const ttl = await getKv().pttl(`sess:${sid}`);
    expect(ttl).toBeGreaterThan(4_000);
    expect(ttl).toBeLessThanOrEqual(5_000);

    await new Promise((r) => setTimeout(r, 5_500));
    expect(await status(cookie)).toBe(401);
  }, 20_000);

  it('ends a session at its absolute lifetime even while it is in use', async () => {
    const { cookie } = await signUp();
    const sid = await sidOf(cookie);
    const kv = getKv();
    const copy = (await kv.get<Record<string, unknown>>(`sess:${sid}`))!;
    await kv.set(`sess:${sid}`, { ...copy, expiresAt: Date.now() - 1 }, { px: 60_000 });
    expect(await status(cookie)).toBe(401);

    // Postgres agrees when Redis has nothing to say.
    const db = await getDb();
    await db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, sid));
    await kv.del(`sess:${sid}`);
    expect(await status(cookie)).toBe(401);
  });
});

describe('with Redis down', () => {
  it('still registers, logs in, checks and logs out from Postgres', async () => {
    const warm = await signUp();
    resetKvForTests({ kv: deadKv(), cooldownMs: 60_000 });

    expect(await status(warm.cookie)).toBe(200);
    const fresh = await signUp();
    expect(await status(fresh.cookie)).toBe(200);
    const again = await signIn(fresh.email);
    expect(await status(again)).toBe(200);

    const res = await logout(
      apiRequest('/api/v1/auth/logout', { method: 'POST', cookie: again }),
      ctx(),
    );
    expect(res.status).toBe(204);
    expect(await status(again)).toBe(401);
    expect(await status(fresh.cookie)).toBe(200);
  });

  it('still ends idle sessions from Postgres alone', async () => {
    setEnv({ SESSION_IDLE_SECONDS: '5' });
    const { cookie } = await signUp();
    resetKvForTests({ kv: deadKv(), cooldownMs: 60_000 });
    expect(await status(cookie)).toBe(200);
    await new Promise((r) => setTimeout(r, 5_500));
    expect(await status(cookie)).toBe(401);
  }, 15_000);

  async function revokeDuringOutage() {
    const { userId, cookie } = await signUp();
    resetKvForTests({ kv: liveKv() });
    expect(await status(cookie)).toBe(200);
    const sid = await sidOf(cookie);

    resetKvForTests({ kv: deadKv(), cooldownMs: 60_000 });
    await revokeAllSessions(userId);
    const db = await getDb();
    const [row] = await db.select().from(sessions).where(eq(sessions.id, sid));
    expect(row!.revokedAt).not.toBeNull();

    // Redis is back, and still holds the copy the revocation could not bury.
    const kv = liveKv();
    resetKvForTests({ kv });
    expect(await kv.get(`sess:${sid}`)).toMatchObject({ userId });
    return cookie;
  }

  it('refuses a session revoked during the outage at once on the instance that saw the outage', async () => {
    const cookie = await revokeDuringOutage();
    expect(await status(cookie)).toBe(401);
  });

  it('refuses it within seconds on an instance that never noticed the outage', async () => {
    const cookie = await revokeDuringOutage();
    vi.resetModules();
    const other = await import('@/app/api/v1/auth/me/route');
    await vi.waitFor(
      async () =>
        expect((await other.GET(apiRequest('/api/v1/auth/me', { cookie }), ctx())).status).toBe(
          401,
        ),
      { timeout: 4_000, interval: 100 },
    );
  });
});
