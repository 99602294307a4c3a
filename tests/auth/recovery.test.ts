import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { passwordResetTokens, sessions } from '@/db/schema';
import { POST as login } from '@/app/api/v1/auth/login/route';
import { GET as me } from '@/app/api/v1/auth/me/route';
import { POST as recovery } from '@/app/api/v1/auth/recovery/route';
import { POST as reset } from '@/app/api/v1/auth/reset/route';
import { disableUser, issueResetToken, requestPasswordReset } from '@/lib/auth';
import { clearConsoleOutbox, consoleOutbox } from '@/lib/mail';
import { PASSWORD, signUp } from './accounts';
import { apiRequest, bodyOf, ctx, sessionCookieOf, setEnv, uniqueEmail } from './support';

const NEW_PASSWORD = 'a brand new passphrase';

const loginStatus = async (email: string, password: string) =>
  (await login(apiRequest('/api/v1/auth/login', { body: { email, password } }), ctx())).status;

const meStatus = async (cookie: string) =>
  (await me(apiRequest('/api/v1/auth/me', { cookie }), ctx())).status;

const resetWith = (token: string, password = NEW_PASSWORD) =>
  reset(apiRequest('/api/v1/auth/reset', { body: { token, password } }), ctx());

async function mailedToken(email: string): Promise<string> {
  let token = '';
  await vi.waitFor(() => {
    const mail = consoleOutbox().findLast((m) => m.to === email);
    expect(mail).toBeDefined();
    const match = /\/reset-password\?token=([A-Za-z0-9_-]{43})/.exec(mail!.text);
    expect(match).not.toBeNull();
    token = match![1]!;
  });
  return token;
}

beforeAll(() => {
  setEnv({ TRUST_PROXY: 'true', SMTP_URL: undefined, AUTH_URL: 'http://localhost:3000' });
});

beforeEach(() => {
  clearConsoleOutbox();
});

describe('asking for a reset link', () => {
  it('answers 202 with one body for known and unknown emails, and mails only the account', async () => {
    const { email } = await signUp('reset');
    const ghost = uniqueEmail('ghost');
    const known = await recovery(
      apiRequest('/api/v1/auth/recovery', { body: { email: email.toUpperCase() } }),
      ctx(),
    );
    const unknown = await recovery(
      apiRequest('/api/v1/auth/recovery', { body: { email: ghost } }),
      ctx(),
    );
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(await bodyOf(known)).toEqual(await bodyOf(unknown));

    const token = await mailedToken(email);
    const mail = consoleOutbox().findLast((m) => m.to === email)!;
    expect(mail.subject).toMatch(/reset/i);
    expect(mail.text).toContain(`http://localhost:3000/reset-password?token=${token}`);
    expect(mail.html).toContain(`http://localhost:3000/reset-password?token=${token}`);
    await new Promise((r) => setTimeout(r, 100));
    expect(consoleOutbox().some((m) => m.to === ghost)).toBe(false);
  });

  it('mails no link to a disabled account, with the same answer as for any other email', async () => {
    const { email, userId } = await signUp('reset');
    await disableUser(userId);
    const res = await recovery(apiRequest('/api/v1/auth/recovery', { body: { email } }), ctx());
    expect(res.status).toBe(202);
    const { done } = await requestPasswordReset({ email }, { ip: '10.0.0.9', userAgent: null });
    await done;
    expect(consoleOutbox().some((m) => m.to === email)).toBe(false);
    const db = await getDb();
    expect(
      await db.select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, userId)),
    ).toEqual([]);
  });

  it('stores only the SHA-256 of the token, valid for one hour', async () => {
    const { email, userId } = await signUp('reset');
    const before = Date.now();
    await recovery(apiRequest('/api/v1/auth/recovery', { body: { email } }), ctx());
    const token = await mailedToken(email);
    const db = await getDb();
    const [row] = await db
      .select()
      .from(passwordResetTokens)
      .where(eq(passwordResetTokens.userId, userId));
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(row!.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(row!.tokenHash).not.toContain(token);
    const lifetime = row!.expiresAt.getTime() - before;
    expect(lifetime).toBeGreaterThan(59 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(60 * 60_000 + 5_000);
  });

  it('does not let a broken mail server change the answer', async () => {
    const { email } = await signUp('reset');
    setEnv({ SMTP_URL: 'smtp://127.0.0.1:1' });
    try {
      const res = await recovery(apiRequest('/api/v1/auth/recovery', { body: { email } }), ctx());
      expect(res.status).toBe(202);
      const { done } = await requestPasswordReset({ email }, { ip: '10.9.9.9', userAgent: null });
      await expect(done).resolves.toBeUndefined();
    } finally {
      setEnv({ SMTP_URL: undefined });
    }
  });

  it('rejects a malformed email with a field error', async () => {
    const res = await recovery(
      apiRequest('/api/v1/auth/recovery', { body: { email: 'nope' } }),
      ctx(),
    );
    expect(res.status).toBe(400);
    expect(
      ((await bodyOf(res)) as { error: { fields: Record<string, string[]> } }).error.fields.email,
    ).toBeDefined();
  });
});

describe('resetting the password', () => {
  it('sets the new password, signs out every session and refuses the old password', async () => {
    const { email, userId, cookie } = await signUp('reset');
    const res = await login(
      apiRequest('/api/v1/auth/login', { body: { email, password: PASSWORD } }),
      ctx(),
    );
    const second = sessionCookieOf(res);
    await recovery(apiRequest('/api/v1/auth/recovery', { body: { email } }), ctx());
    const token = await mailedToken(email);

    const done = await resetWith(token);
    expect(done.status).toBe(204);
    expect(await meStatus(cookie)).toBe(401);
    expect(await meStatus(second)).toBe(401);
    const db = await getDb();
    const rows = await db.select().from(sessions).where(eq(sessions.userId, userId));
    expect(rows.every((r) => r.revokedAt !== null)).toBe(true);

    expect(await loginStatus(email, PASSWORD)).toBe(401);
    expect(await loginStatus(email, NEW_PASSWORD)).toBe(200);
  });

  it('accepts a token once only', async () => {
    const { email, userId } = await signUp('reset');
    const token = await issueResetToken(userId);
    expect((await resetWith(token)).status).toBe(204);
    const reused = await resetWith(token, 'yet another passphrase');
    expect(reused.status).toBe(400);
    expect(await bodyOf(reused)).toEqual({
      error: {
        code: 'validation',
        message: expect.stringMatching(/invalid or has expired/),
        fields: { token: [expect.stringMatching(/invalid or has expired/)] },
      },
    });
    expect(await loginStatus(email, NEW_PASSWORD)).toBe(200);
  });

  it('lets exactly one of two simultaneous uses of a token succeed', async () => {
    const { userId } = await signUp('reset');
    const token = await issueResetToken(userId);
    const results = await Promise.all([
      resetWith(token, 'first concurrent pass'),
      resetWith(token, 'second concurrent pass'),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([204, 400]);
  });

  it('refuses an expired token', async () => {
    const { email, userId } = await signUp('reset');
    const token = await issueResetToken(userId, Date.now() - 61 * 60_000);
    expect((await resetWith(token)).status).toBe(400);
    expect(await loginStatus(email, PASSWORD)).toBe(200);
  });

  it('refuses a token that was never issued or is malformed', async () => {
    expect((await resetWith('A'.repeat(43))).status).toBe(400);
    const malformed = await resetWith('short');
    expect(malformed.status).toBe(400);
    expect(
      ((await bodyOf(malformed)) as { error: { fields: Record<string, string[]> } }).error.fields
        .token,
    ).toBeDefined();
  });

  it('checks the new password rules and keeps the token usable when they fail', async () => {
    const { email, userId } = await signUp('reset');
    const token = await issueResetToken(userId);
    const sameAsEmail = await resetWith(token, email);
    expect(sameAsEmail.status).toBe(400);
    expect(
      ((await bodyOf(sameAsEmail)) as { error: { fields: Record<string, string[]> } }).error.fields
        .password?.[0],
    ).toMatch(/Avoid common passwords and your name or email/);
    // The reset form does not carry the email: the owner's words count once the token is known.
    expect((await resetWith(token, `${email.split('@')[0]}1`)).status).toBe(400);
    expect((await resetWith(token, 'password')).status).toBe(400);
    expect((await resetWith(token, 'é'.repeat(37))).status).toBe(400);
    expect((await resetWith(token)).status).toBe(204);
  });

  it('voids the other outstanding links once the password changed', async () => {
    const { userId } = await signUp('reset');
    const first = await issueResetToken(userId);
    const second = await issueResetToken(userId);
    expect((await resetWith(second)).status).toBe(204);
    expect((await resetWith(first, 'another new passphrase')).status).toBe(400);
  });
});
