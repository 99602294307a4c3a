import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST as register } from '@/app/api/v1/auth/register/route';
import { POST as recovery } from '@/app/api/v1/auth/recovery/route';
import { apiRequest, ctx, setEnv, uniqueEmail } from './support';

type Caught = {
  to: { address: string }[];
  from: { address: string }[];
  subject: string;
  text: string;
  html: string;
};
type MailServer = {
  create(port: number, host: string, mailDir: string): void;
  listen(): Promise<void>;
  close(done: () => void): void;
  getAllEmail(done: (err: unknown, mails: Caught[]) => void): void;
};

// maildev's SMTP side, the same server the end-to-end suite reads through its web API.
const mailServer = createRequire(import.meta.url)('maildev/lib/mailserver') as MailServer;
const port = 20_000 + Math.floor(Math.random() * 20_000);

const caught = () =>
  new Promise<Caught[]>((resolve, reject) =>
    mailServer.getAllEmail((err, mails) => (err ? reject(err) : resolve(mails))),
  );

beforeAll(async () => {
  mailServer.create(port, '127.0.0.1', mkdtempSync(path.join(tmpdir(), 'arcade-maildev-')));
  await mailServer.listen();
  setEnv({
    TRUST_PROXY: 'true',
    SMTP_URL: `smtp://127.0.0.1:${port}`,
    MAIL_FROM: 'Arcade <no-reply@arcade.test>',
    AUTH_URL: 'http://localhost:3000',
  });
});

afterAll(async () => {
  setEnv({ SMTP_URL: undefined, MAIL_FROM: undefined });
  await new Promise<void>((resolve) => mailServer.close(() => resolve()));
});

describe('mail over SMTP', () => {
  it('delivers the password reset link to the account’s address from MAIL_FROM', async () => {
    const email = uniqueEmail('smtp');
    await register(
      apiRequest('/api/v1/auth/register', {
        body: { email, password: 'correct horse battery', name: 'Mo' },
      }),
      ctx(),
    );
    const res = await recovery(apiRequest('/api/v1/auth/recovery', { body: { email } }), ctx());
    expect(res.status).toBe(202);

    await vi.waitFor(
      async () => expect((await caught()).some((m) => m.to[0]?.address === email)).toBe(true),
      { timeout: 10_000 },
    );
    const mail = (await caught()).find((m) => m.to[0]?.address === email)!;
    expect(mail.from[0]?.address).toBe('no-reply@arcade.test');
    expect(mail.subject).toBe('Reset your Arcade password');
    expect(mail.text).toMatch(/http:\/\/localhost:3000\/reset-password\?token=[A-Za-z0-9_-]{43}/);
    expect(mail.html).toContain('href="http://localhost:3000/reset-password?token=');
  });

  it('tells the owner of a taken email that someone tried to register with it', async () => {
    const email = uniqueEmail('taken');
    const body = { email, password: 'correct horse battery', name: 'Mo' };
    await register(apiRequest('/api/v1/auth/register', { body }), ctx());
    const again = await register(
      apiRequest('/api/v1/auth/register', { body: { ...body, password: 'another password' } }),
      ctx(),
    );
    expect(again.status).toBe(409);
    await vi.waitFor(
      async () =>
        expect(
          (await caught()).some(
            (m) => m.to[0]?.address === email && /tried to create/.test(m.subject),
          ),
        ).toBe(true),
      { timeout: 10_000 },
    );
  });
});
