import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { users } from '@/db/schema';
import { sendPasswordResetMail } from '@/lib/auth/recovery';
import { log } from '@/lib/log';
import { clearConsoleOutbox, consoleOutbox } from '@/lib/mail';
import { setEnv, uniqueEmail } from './support';

const saved = { NODE_ENV: process.env.NODE_ENV, SMTP_URL: process.env.SMTP_URL };

async function resetMailLogs(nodeEnv: 'production' | 'development') {
  setEnv({ NODE_ENV: nodeEnv, SMTP_URL: undefined });
  const email = uniqueEmail('mail-logs');
  const db = await getDb();
  await db.insert(users).values({ email, name: 'Log Reader Target', passwordHash: 'not-a-login' });
  clearConsoleOutbox();
  const info = vi.spyOn(log, 'info');
  const warn = vi.spyOn(log, 'warn');
  await sendPasswordResetMail(email);
  const logged = JSON.stringify([...info.mock.calls, ...warn.mock.calls]);
  info.mockRestore();
  warn.mockRestore();
  const token = new URL(/https?:\/\/\S+/.exec(consoleOutbox().at(-1)!.text)![0]).searchParams.get(
    'token',
  )!;
  return { logged, token };
}

beforeAll(() => clearConsoleOutbox());
afterAll(() => setEnv(saved));

describe('mail without an SMTP server', () => {
  it('never writes a password reset link into production logs', async () => {
    const { logged, token } = await resetMailLogs('production');
    expect(token.length).toBeGreaterThan(20);
    expect(logged).not.toContain(token);
    expect(logged).toContain('SMTP_URL is not set');
  });

  it('still shows the whole mail in development logs, where the console is the mailbox', async () => {
    const { logged, token } = await resetMailLogs('development');
    expect(logged).toContain(token);
  });
});
