import { createElement } from 'react';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GET as healthRoute } from '@/app/api/health/route';
import { POST as recovery } from '@/app/api/v1/auth/recovery/route';
import { getDb } from '@/db/client';
import { passwordResetTokens, users } from '@/db/schema';
import { RECOVERY_UNAVAILABLE_MESSAGE } from '@/lib/auth';
import { EnvError, parseEnv } from '@/lib/config/env';
import { clearConsoleOutbox, sendMail } from '@/lib/mail';
import { checkMailEnvironment } from '@/lib/server/startup';
import { renderToHtml } from '../admin/next-request';
import { apiRequest, bodyOf, ctx, setEnv, uniqueEmail } from '../auth/support';

const health = () => healthRoute(apiRequest('/api/health'), ctx());

vi.mock('next/headers', () => import('../admin/next-request'));

const production = {
  NODE_ENV: 'production',
  AUTH_SECRET: 'a-production-auth-secret-0123456789abcdef',
  KEY_VAULT_KEY: 'ZTJlLXZhdWx0LWtleS0wMTIzNDU2Nzg5YWJjZGVmMDE=',
};

function refusal(raw: Record<string, string>): EnvError | null {
  try {
    checkMailEnvironment(parseEnv(raw));
    return null;
  } catch (err) {
    if (err instanceof EnvError) return err;
    throw err;
  }
}

const saved = {
  NODE_ENV: process.env.NODE_ENV,
  SMTP_URL: process.env.SMTP_URL,
  MAIL_DISABLED: process.env.MAIL_DISABLED,
  TRUST_PROXY: process.env.TRUST_PROXY,
};
afterEach(() => setEnv(saved));

type MailHealth = { mail: { kind: string; lastSendFailed?: boolean } };
const mailInHealth = async () => ((await (await health()).json()) as MailHealth).mail;

describe('starting in production', () => {
  it('refuses to start without SMTP_URL unless mail is explicitly disabled, naming the variable', () => {
    const err = refusal(production);
    expect(err?.variables).toEqual(['SMTP_URL']);
    expect(err?.message).toMatch(/SMTP_URL: required in production/);
    expect(err?.message).toMatch(/MAIL_DISABLED=true/);
    expect(refusal({ ...production, MAIL_DISABLED: 'false' })?.variables).toEqual(['SMTP_URL']);
  });

  it('starts with an SMTP server, or with mail disabled on purpose', () => {
    expect(refusal({ ...production, SMTP_URL: 'smtp://mail.example:587' })).toBeNull();
    expect(refusal({ ...production, MAIL_DISABLED: 'true' })).toBeNull();
  });

  it('lets development run on the console outbox', () => {
    expect(refusal({ NODE_ENV: 'development' })).toBeNull();
  });
});

describe('mail in /api/health', () => {
  it('reports the development outbox when no SMTP server is set', async () => {
    setEnv({ NODE_ENV: 'development', SMTP_URL: undefined, MAIL_DISABLED: undefined });
    expect(await mailInHealth()).toEqual({ kind: 'dev-outbox' });
  });

  it('reports mail disabled on purpose', async () => {
    setEnv({ MAIL_DISABLED: 'true', SMTP_URL: 'smtp://127.0.0.1:9' });
    expect(await mailInHealth()).toEqual({ kind: 'disabled' });
  });

  it('reports SMTP and whether its newest send failed, without saying where the server is', async () => {
    setEnv({ MAIL_DISABLED: undefined, SMTP_URL: 'smtp://127.0.0.1:9' });
    const before = await mailInHealth();
    expect(before.kind).toBe('smtp');
    await expect(
      sendMail({
        to: 'someone@example.test',
        subject: 'Unsent',
        text: 'Nothing listens on port 9.',
      }),
    ).rejects.toThrow();
    const res = await health();
    const body = (await res.json()) as MailHealth;
    expect(body.mail).toEqual({ kind: 'smtp', lastSendFailed: true });
    expect(res.status).toBe(200);
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
  });
});

describe('password recovery when the shop sends no mail', () => {
  it('says so for every email, known or not, and issues no reset link', async () => {
    setEnv({ MAIL_DISABLED: 'true', TRUST_PROXY: 'true' });
    const known = uniqueEmail('no-mail');
    const db = await getDb();
    const [user] = await db
      .insert(users)
      .values({ email: known, name: 'No Mail', passwordHash: 'not-a-login' })
      .returning({ id: users.id });
    const answer = async (email: string) => {
      const res = await recovery(apiRequest('/api/v1/auth/recovery', { body: { email } }), ctx());
      return {
        status: res.status,
        retryAfter: res.headers.get('retry-after'),
        body: await bodyOf(res),
      };
    };
    const forKnown = await answer(known);
    expect(forKnown).toEqual({
      status: 503,
      retryAfter: null,
      body: { error: { code: 'unavailable', message: RECOVERY_UNAVAILABLE_MESSAGE } },
    });
    expect(await answer(uniqueEmail('ghost'))).toEqual(forKnown);
    expect(RECOVERY_UNAVAILABLE_MESSAGE).not.toMatch(/sent|if an account exists/i);
    await new Promise((r) => setTimeout(r, 50));
    const tokens = await db
      .select()
      .from(passwordResetTokens)
      .where(eq(passwordResetTokens.userId, user!.id));
    expect(tokens).toEqual([]);
  });

  it('shows the notice instead of the form on the recovery page, and the form action agrees', async () => {
    setEnv({ MAIL_DISABLED: 'true' });
    const { default: ForgotPasswordPage } = await import('@/app/(auth)/forgot-password/page');
    const html = await renderToHtml(createElement(ForgotPasswordPage));
    expect(html).toContain('not available on this shop');
    expect(html).not.toContain('Send reset link');

    const { forgotPasswordAction } = await import('@/app/(auth)/forgot-password/actions');
    const form = new FormData();
    form.set('email', uniqueEmail('no-mail-form'));
    expect(await forgotPasswordAction({ ok: false }, form)).toMatchObject({
      ok: false,
      message: RECOVERY_UNAVAILABLE_MESSAGE,
    });
  });

  it('keeps the form when mail can be sent', async () => {
    setEnv({ MAIL_DISABLED: undefined, NODE_ENV: 'development', SMTP_URL: undefined });
    const { default: ForgotPasswordPage } = await import('@/app/(auth)/forgot-password/page');
    const html = await renderToHtml(createElement(ForgotPasswordPage));
    expect(html).toContain('Send reset link');
  });
});

describe('the development outbox page', () => {
  it('lists the newest mails, links included, in development', async () => {
    setEnv({ NODE_ENV: 'development', SMTP_URL: undefined, MAIL_DISABLED: undefined });
    clearConsoleOutbox();
    await sendMail({
      to: 'outbox@example.test',
      subject: 'Outbox subject',
      text: 'Open http://localhost:3000/reset-password?token=abc to continue.',
    });
    const { default: DevOutboxPage } = await import('@/app/dev/outbox/page');
    const html = await renderToHtml(createElement(DevOutboxPage));
    expect(html).toContain('Outbox subject');
    expect(html).toContain('outbox@example.test');
    expect(html).toContain('href="http://localhost:3000/reset-password?token=abc"');
  });

  it('answers 404 in production, where mails carry live reset links', async () => {
    setEnv({ NODE_ENV: 'production', MAIL_DISABLED: 'true' });
    const { default: DevOutboxPage } = await import('@/app/dev/outbox/page');
    let digest: unknown;
    try {
      DevOutboxPage();
    } catch (err) {
      digest = (err as { digest?: unknown }).digest;
    }
    expect(String(digest)).toMatch(/NEXT_HTTP_ERROR_FALLBACK;404|NEXT_NOT_FOUND/);
  });
});
