import bcrypt from 'bcryptjs';
import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { users } from '@/db/schema';
import { changePassword, issueResetToken, resetPassword, signInWithPassword } from '@/lib/auth';
import { PASSWORD_RULE } from '@/lib/auth/password-strength';
import { ValidationError } from '@/lib/errors';
import { randomIp, setEnv, uniqueEmail } from './support';

const PASSWORD = 'correct horse battery';
const meta = () => ({ ip: randomIp(), userAgent: 'vitest' });

async function account(email = uniqueEmail('pw'), cost = 4) {
  const db = await getDb();
  const [row] = await db
    .insert(users)
    .values({ email, name: 'Pat', passwordHash: await bcrypt.hash(PASSWORD, cost) })
    .returning({ id: users.id });
  return { email, id: row!.id };
}

async function storedHash(id: string): Promise<string> {
  const db = await getDb();
  const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, id));
  return row!.hash;
}

beforeAll(() => setEnv({ TRUST_PROXY: 'true' }));
afterEach(() => setEnv({ BCRYPT_COST: '4' }));

describe('stored passwords', () => {
  it('are bcrypt hashes at the configured cost, never the password itself', async () => {
    setEnv({ BCRYPT_COST: '5' });
    const { email } = await account();
    const { user } = await signInWithPassword({ email, password: PASSWORD }, meta());
    await vi.waitFor(async () => expect(bcrypt.getRounds(await storedHash(user.id))).toBe(5));
    const hash = await storedHash(user.id);
    expect(hash).not.toContain(PASSWORD);
    expect(await bcrypt.compare(PASSWORD, hash)).toBe(true);
  });

  it('are upgraded to a new BCRYPT_COST at the next successful login', async () => {
    const { email, id } = await account(uniqueEmail('upgrade'), 4);
    setEnv({ BCRYPT_COST: '6' });
    await signInWithPassword({ email, password: PASSWORD }, meta());
    await vi.waitFor(async () => expect(bcrypt.getRounds(await storedHash(id))).toBe(6));
    await expect(signInWithPassword({ email, password: PASSWORD }, meta())).resolves.toBeDefined();
  });

  it('are not upgraded after a failed login', async () => {
    const { email, id } = await account(uniqueEmail('noupgrade'), 4);
    setEnv({ BCRYPT_COST: '6' });
    await expect(
      signInWithPassword({ email, password: 'wrong password' }, meta()),
    ).rejects.toMatchObject({ status: 401 });
    await new Promise((r) => setTimeout(r, 100));
    expect(bcrypt.getRounds(await storedHash(id))).toBe(4);
  });
});

describe('changing the password', () => {
  it('voids outstanding reset links', async () => {
    const { email, id } = await account();
    const token = await issueResetToken(id);
    const { user } = await signInWithPassword({ email, password: PASSWORD }, meta());
    await changePassword(
      user,
      { currentPassword: PASSWORD, newPassword: 'changed password 1' },
      meta(),
    );
    await expect(resetPassword({ token, password: 'sneaky new password' })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it('refuses a new password equal to the email, or built on it, with the plain rule', async () => {
    const { email } = await account();
    const { user } = await signInWithPassword({ email, password: PASSWORD }, meta());
    const err = await changePassword(
      user,
      { currentPassword: PASSWORD, newPassword: email },
      meta(),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fields).toEqual({ newPassword: [PASSWORD_RULE] });
    const built = await changePassword(
      user,
      { currentPassword: PASSWORD, newPassword: `${email.split('@')[0]}!` },
      meta(),
    ).catch((e: unknown) => e);
    expect((built as ValidationError).fields).toEqual({ newPassword: [PASSWORD_RULE] });
  });
});
