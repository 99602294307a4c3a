import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { sessions, users } from '@/db/schema';
import { POST as register } from '@/app/api/v1/auth/register/route';
import { POST as login } from '@/app/api/v1/auth/login/route';
import { POST as logout } from '@/app/api/v1/auth/logout/route';
import { GET as me } from '@/app/api/v1/auth/me/route';
import { GET as listSessions, DELETE as revokeAll } from '@/app/api/v1/auth/sessions/route';
import { DELETE as revokeOne } from '@/app/api/v1/auth/sessions/[id]/route';
import { GET as adminPing } from '@/app/api/v1/admin/ping/route';
import { PASSWORD_RULE } from '@/lib/auth/password-strength';
import {
  apiRequest,
  bodyOf,
  clearsSessionCookie,
  ctx,
  sessionCookieOf,
  setEnv,
  uniqueEmail,
} from './support';

const PASSWORD = 'correct horse battery';

async function registerUser(email = uniqueEmail(), password = PASSWORD, name = 'Test Shopper') {
  const res = await register(
    apiRequest('/api/v1/auth/register', { body: { email, password, name } }),
    ctx(),
  );
  expect(res.status).toBe(201);
  const { user } = (await bodyOf(res)) as { user: { id: string; email: string } };
  return { user, cookie: sessionCookieOf(res), email, password };
}

async function loginUser(email: string, password = PASSWORD, userAgent?: string) {
  const headers = userAgent ? { 'user-agent': userAgent } : undefined;
  const res = await login(
    apiRequest('/api/v1/auth/login', { body: { email, password }, headers }),
    ctx(),
  );
  expect(res.status).toBe(200);
  return sessionCookieOf(res);
}

const meWith = (cookie?: string) => me(apiRequest('/api/v1/auth/me', { cookie }), ctx());

beforeAll(() => {
  setEnv({ TRUST_PROXY: 'true' });
});

describe('registration', () => {
  it('creates a customer, answers 201 with the user and signs the browser in', async () => {
    const email = uniqueEmail('new');
    const res = await register(
      apiRequest('/api/v1/auth/register', {
        body: { email: `  ${email.toUpperCase()} `, password: PASSWORD, name: '  Ada  ' },
      }),
      ctx(),
    );
    expect(res.status).toBe(201);
    const body = (await bodyOf(res)) as { user: Record<string, string> };
    expect(body.user).toEqual({ id: expect.any(String), email, name: 'Ada', role: 'customer' });

    const setCookie = res.headers
      .getSetCookie()
      .find((c) => c.startsWith('authjs.session-token='))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toMatch(/Secure/i);

    const who = await meWith(sessionCookieOf(res));
    expect(who.status).toBe(200);
    expect(await bodyOf(who)).toEqual(body.user);
  });

  it('refuses a second account for the same email in any letter case, without signing in', async () => {
    const { email } = await registerUser();
    const res = await register(
      apiRequest('/api/v1/auth/register', {
        body: { email: email.toUpperCase(), password: 'another password', name: 'Copycat' },
      }),
      ctx(),
    );
    expect(res.status).toBe(409);
    expect(await bodyOf(res)).toEqual({
      error: { code: 'conflict', message: expect.stringMatching(/could not create an account/i) },
    });
    expect(res.headers.getSetCookie().some((c) => c.includes('session-token='))).toBe(false);
    const db = await getDb();
    const rows = await db.select().from(users).where(eq(users.email, email));
    expect(rows).toHaveLength(1);
  });

  it('rejects weak, oversized and email-equal passwords and bad names with field errors', async () => {
    const email = uniqueEmail('rules');
    const attempt = async (body: Record<string, string>) => {
      const res = await register(apiRequest('/api/v1/auth/register', { body }), ctx());
      return {
        status: res.status,
        body: (await bodyOf(res)) as { error: { code: string; fields?: Record<string, string[]> } },
      };
    };
    const short = await attempt({ email, password: 'short', name: 'A' });
    expect(short.status).toBe(400);
    expect(short.body.error.fields?.password?.[0]).toBe(PASSWORD_RULE);

    for (const weak of ['password', '12345678', 'arcade123', email.toUpperCase()]) {
      const refused = await attempt({ email, password: weak, name: 'A' });
      expect(refused.status).toBe(400);
      expect(refused.body.error.fields?.password).toEqual([PASSWORD_RULE]);
    }

    const noName = await attempt({ email, password: PASSWORD, name: '   ' });
    expect(noName.body.error.fields?.name?.[0]).toMatch(/Enter your name/);
    const longName = await attempt({ email, password: PASSWORD, name: 'x'.repeat(81) });
    expect(longName.body.error.fields?.name?.[0]).toMatch(/at most 80/);

    const badEmail = await attempt({ email: 'not-an-email', password: PASSWORD, name: 'A' });
    expect(badEmail.body.error.fields?.email?.[0]).toMatch(/valid email/);
  });

  it('counts the 72-byte password limit in UTF-8 bytes, refusing rather than truncating', async () => {
    // A 20-byte passphrase, then 'é' (2 bytes) or '🎮' (4 bytes) up to exactly 72 bytes.
    const phrase = 'violet anchor mango ';
    const atLimit = await registerUser(uniqueEmail('bytes'), `${phrase}${'é'.repeat(26)}`);
    expect(atLimit.user.id).toBeTruthy();
    await registerUser(uniqueEmail('emoji'), `${phrase}${'🎮'.repeat(13)}`);

    for (const password of [
      `${phrase}${'é'.repeat(27)}`,
      `${phrase}${'🎮'.repeat(14)}`,
      `${phrase}${'a'.repeat(51)}é`,
    ]) {
      const res = await register(
        apiRequest('/api/v1/auth/register', {
          body: { email: uniqueEmail(), password, name: 'A' },
        }),
        ctx(),
      );
      expect(res.status).toBe(400);
      const body = (await bodyOf(res)) as { error: { fields: Record<string, string[]> } };
      expect(body.error.fields.password?.[0]).toMatch(/at most 72 characters/);
    }

    // A 72-byte password must not also accept its first 71 bytes (no truncation anywhere).
    const res = await login(
      apiRequest('/api/v1/auth/login', {
        body: { email: atLimit.email, password: `${phrase}${'é'.repeat(25)}` },
      }),
      ctx(),
    );
    expect(res.status).toBe(401);
  });

  it('accepts only same-origin JSON', async () => {
    const body = { email: uniqueEmail(), password: PASSWORD, name: 'A' };
    const form = await register(
      apiRequest('/api/v1/auth/register', {
        body,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      ctx(),
    );
    expect(form.status).toBe(415);
    const foreign = await register(
      apiRequest('/api/v1/auth/register', { body, headers: { origin: 'https://evil.example' } }),
      ctx(),
    );
    expect(foreign.status).toBe(403);
  });
});

describe('login and logout', () => {
  it('signs in with the right password in any email case and answers the user', async () => {
    const { email, user } = await registerUser();
    const res = await login(
      apiRequest('/api/v1/auth/login', {
        body: { email: ` ${email.toUpperCase()}`, password: PASSWORD },
      }),
      ctx(),
    );
    expect(res.status).toBe(200);
    expect(await bodyOf(res)).toEqual({
      user: { id: user.id, email, name: 'Test Shopper', role: 'customer' },
    });
    expect((await meWith(sessionCookieOf(res))).status).toBe(200);
  });

  it('gives the same 401 answer for a wrong password and for an unknown email', async () => {
    const { email } = await registerUser();
    const wrong = await login(
      apiRequest('/api/v1/auth/login', { body: { email, password: 'not the password' } }),
      ctx(),
    );
    const unknown = await login(
      apiRequest('/api/v1/auth/login', {
        body: { email: uniqueEmail('ghost'), password: 'not the password' },
      }),
      ctx(),
    );
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [await bodyOf(wrong), await bodyOf(unknown)];
    expect(a).toEqual(b);
    expect(a).toEqual({
      error: { code: 'unauthenticated', message: 'The email or password is incorrect.' },
    });
    expect(wrong.headers.getSetCookie()).toEqual(unknown.headers.getSetCookie());
  });

  it('opens a new session id at every login and revokes the one the browser held before', async () => {
    const { email, user, cookie: first } = await registerUser();
    const res = await login(
      apiRequest('/api/v1/auth/login', { body: { email, password: PASSWORD }, cookie: first }),
      ctx(),
    );
    const second = sessionCookieOf(res);
    expect(second).not.toBe(first);
    expect((await meWith(first)).status).toBe(401);
    expect((await meWith(second)).status).toBe(200);
    const db = await getDb();
    const rows = await db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(new Set(rows.map((r) => r.id)).size).toBe(2);
    expect(rows.filter((r) => r.revokedAt === null)).toHaveLength(1);
  });

  it('logs out with 204, clears the cookie and kills that session only', async () => {
    const { email, cookie } = await registerUser();
    const other = await loginUser(email);
    const res = await logout(apiRequest('/api/v1/auth/logout', { method: 'POST', cookie }), ctx());
    expect(res.status).toBe(204);
    expect(clearsSessionCookie(res)).toBe(true);
    expect((await meWith(cookie)).status).toBe(401);
    expect((await meWith(other)).status).toBe(200);

    const again = await logout(
      apiRequest('/api/v1/auth/logout', { method: 'POST', cookie }),
      ctx(),
    );
    expect(again.status).toBe(204);
  });

  it('refuses a sign-out posted from another site, leaving every session alive', async () => {
    const { cookie } = await registerUser();
    const foreign = { origin: 'https://evil.example' };
    const res = await logout(
      apiRequest('/api/v1/auth/logout', { method: 'POST', cookie, headers: foreign }),
      ctx(),
    );
    expect(res.status).toBe(403);
    expect(await bodyOf(res)).toEqual({
      error: { code: 'forbidden', message: 'Cross-origin requests are not accepted.' },
    });
    expect(clearsSessionCookie(res)).toBe(false);
    const everywhere = await revokeAll(
      apiRequest('/api/v1/auth/sessions', { method: 'DELETE', cookie, headers: foreign }),
      ctx(),
    );
    expect(everywhere.status).toBe(403);
    expect((await meWith(cookie)).status).toBe(200);
  });

  it('answers 401 on /me without a cookie or with a forged one', async () => {
    expect((await meWith()).status).toBe(401);
    const forged = await meWith(
      'authjs.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0..x.y.z',
    );
    expect(forged.status).toBe(401);
    expect(await bodyOf(forged)).toEqual({
      error: { code: 'unauthenticated', message: 'Please sign in.' },
    });
  });
});

describe('session management', () => {
  it('lists my live sessions with device, address and a marker on this one', async () => {
    const { email, cookie } = await registerUser();
    await loginUser(
      email,
      PASSWORD,
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
    );
    const res = await listSessions(
      apiRequest('/api/v1/auth/sessions', { cookie, ip: '203.0.113.7' }),
      ctx(),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const { sessions: list } = (await bodyOf(res)) as {
      sessions: { device: string; current: boolean; ip: string }[];
    };
    expect(list).toHaveLength(2);
    expect(list.filter((s) => s.current)).toHaveLength(1);
    expect(list.find((s) => s.current)?.device).toBe('Chrome on Linux');
    expect(list.find((s) => !s.current)?.device).toBe('Safari on iPhone');
    expect(list.every((s) => /^10\./.test(s.ip))).toBe(true);
  });

  it('revokes one of my sessions, and answers 404 for somebody else’s', async () => {
    const alice = await registerUser();
    const aliceLaptop = await loginUser(alice.email);
    const bob = await registerUser();

    const ids = async (cookie: string) => {
      const res = await listSessions(apiRequest('/api/v1/auth/sessions', { cookie }), ctx());
      return ((await bodyOf(res)) as { sessions: { id: string; current: boolean }[] }).sessions;
    };
    const bobSession = (await ids(bob.cookie))[0]!.id;
    const stolen = await revokeOne(
      apiRequest(`/api/v1/auth/sessions/${bobSession}`, { method: 'DELETE', cookie: alice.cookie }),
      ctx({ id: bobSession }),
    );
    expect(stolen.status).toBe(404);
    expect((await meWith(bob.cookie)).status).toBe(200);

    const laptopId = (await ids(alice.cookie)).find((s) => !s.current)!.id;
    const res = await revokeOne(
      apiRequest(`/api/v1/auth/sessions/${laptopId}`, { method: 'DELETE', cookie: alice.cookie }),
      ctx({ id: laptopId }),
    );
    expect(res.status).toBe(204);
    expect(clearsSessionCookie(res)).toBe(false);
    expect((await meWith(aliceLaptop)).status).toBe(401);
    expect((await meWith(alice.cookie)).status).toBe(200);

    const missing = await revokeOne(
      apiRequest('/api/v1/auth/sessions/nope', { method: 'DELETE', cookie: alice.cookie }),
      ctx({ id: 'nope' }),
    );
    expect(missing.status).toBe(404);
  });

  it('signs out everywhere, this device included', async () => {
    const { email, cookie } = await registerUser();
    const phone = await loginUser(email);
    const res = await revokeAll(
      apiRequest('/api/v1/auth/sessions', { method: 'DELETE', cookie }),
      ctx(),
    );
    expect(res.status).toBe(204);
    expect(clearsSessionCookie(res)).toBe(true);
    expect((await meWith(cookie)).status).toBe(401);
    expect((await meWith(phone)).status).toBe(401);
  });

  it('requires a session to list or revoke sessions', async () => {
    expect((await listSessions(apiRequest('/api/v1/auth/sessions'), ctx())).status).toBe(401);
    expect(
      (await revokeAll(apiRequest('/api/v1/auth/sessions', { method: 'DELETE' }), ctx())).status,
    ).toBe(401);
  });
});

describe('roles', () => {
  it('lets admins through /api/v1/admin, answers customers 403 and strangers 401', async () => {
    const customer = await registerUser();
    const admin = await registerUser(uniqueEmail('admin'));
    const db = await getDb();
    await db.update(users).set({ role: 'admin' }).where(eq(users.id, admin.user.id));
    const adminCookie = await loginUser(admin.email);

    expect((await adminPing(apiRequest('/api/v1/admin/ping'), ctx())).status).toBe(401);
    const refused = await adminPing(
      apiRequest('/api/v1/admin/ping', { cookie: customer.cookie }),
      ctx(),
    );
    expect(refused.status).toBe(403);
    expect(((await bodyOf(refused)) as { error: { code: string } }).error.code).toBe('forbidden');
    const ok = await adminPing(apiRequest('/api/v1/admin/ping', { cookie: adminCookie }), ctx());
    expect(ok.status).toBe(200);
    expect(await bodyOf(ok)).toEqual({ ok: true, admin: admin.email });
  });
});
