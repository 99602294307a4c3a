import { describe, expect, it } from 'vitest';
import {
  changePasswordSchema,
  emailSchema,
  loginSchema,
  nameSchema,
  newPasswordSchema,
  registerSchema,
  resetSchema,
  utf8Length,
} from './schemas';
import { PASSWORD_RULE } from './password-strength';

const STRONG = 'violet anchor mango';

const messages = (result: {
  success: boolean;
  error?: { issues: { message: string; path: PropertyKey[] }[] };
}) => result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('account input rules', () => {
  it('trims and lower-cases emails', () => {
    expect(emailSchema.parse('  Shopper@Arcade.TEST ')).toBe('shopper@arcade.test');
  });

  it('rejects malformed and overlong emails', () => {
    expect(emailSchema.safeParse('nope').success).toBe(false);
    expect(emailSchema.safeParse('').success).toBe(false);
    expect(emailSchema.safeParse(`${'a'.repeat(250)}@x.test`).success).toBe(false);
  });

  it('wants at least 10 characters, counting code points rather than UTF-16 units', () => {
    expect(newPasswordSchema.safeParse('violet-an').success).toBe(false);
    expect(newPasswordSchema.safeParse('violet-anc').success).toBe(true);
    // Five emoji are ten UTF-16 units but only five characters.
    expect(messages(newPasswordSchema.safeParse('🎮🎮🎮🎮🎮'))).toEqual([`: ${PASSWORD_RULE}`]);
  });

  it('allows at most 72 bytes of UTF-8, whatever the character count, and says so plainly', () => {
    expect(utf8Length('é')).toBe(2);
    expect(newPasswordSchema.safeParse('a'.repeat(72)).success).toBe(true);
    expect(newPasswordSchema.safeParse('a'.repeat(73)).success).toBe(false);
    expect(newPasswordSchema.safeParse('ü'.repeat(36)).success).toBe(true);
    const tooLong = newPasswordSchema.safeParse('ü'.repeat(37));
    expect(messages(tooLong)).toEqual([
      ': Use at most 72 characters (fewer with accents or emoji).',
    ]);
    expect(newPasswordSchema.safeParse('密'.repeat(24)).success).toBe(true);
    expect(newPasswordSchema.safeParse('密'.repeat(25)).success).toBe(false);
  });

  it.each(['password', '12345678', 'arcade123', 'ada@example.test', ' ADA@example.test '])(
    'refuses the weak or common password %j with the plain rule',
    async (password) => {
      const result = await registerSchema.safeParseAsync({
        email: 'ada@example.test',
        password,
        name: 'Ada',
      });
      expect(messages(result)).toEqual([`password: ${PASSWORD_RULE}`]);
      expect(PASSWORD_RULE).not.toMatch(/bytes|entropy|score/i);
    },
  );

  it('refuses passwords built on the person’s own name', async () => {
    const result = await registerSchema.safeParseAsync({
      email: 'grace.hopper@example.test',
      password: 'gracehopper1',
      name: 'Grace Hopper',
    });
    expect(messages(result)).toEqual([`password: ${PASSWORD_RULE}`]);
  });

  it('accepts a passphrase of unrelated words', async () => {
    const result = await registerSchema.safeParseAsync({
      email: 'ada@example.test',
      password: 'violet anchor mango',
      name: 'Ada',
    });
    expect(result.success).toBe(true);
  });

  it('judges a new password on reset and change too, where the owner is not in the input', async () => {
    const reset = await resetSchema.safeParseAsync({
      token: 'A'.repeat(43),
      password: 'password1',
    });
    expect(messages(reset)).toEqual([`password: ${PASSWORD_RULE}`]);
    const change = await changePasswordSchema.safeParseAsync({
      currentPassword: 'old password',
      newPassword: 'qwertyuiop',
    });
    expect(messages(change)).toEqual([`newPassword: ${PASSWORD_RULE}`]);
  });

  it('trims names and keeps them between 1 and 80 characters', () => {
    expect(nameSchema.parse('  Ada Lovelace ')).toBe('Ada Lovelace');
    expect(nameSchema.safeParse('   ').success).toBe(false);
    expect(nameSchema.safeParse('x'.repeat(80)).success).toBe(true);
    expect(nameSchema.safeParse('x'.repeat(81)).success).toBe(false);
  });

  it('does not apply the new-password rules to a password typed to log in', () => {
    expect(loginSchema.safeParse({ email: 'a@b.test', password: 'old' }).success).toBe(true);
    expect(loginSchema.safeParse({ email: 'a@b.test', password: 'password' }).success).toBe(true);
    expect(loginSchema.safeParse({ email: 'a@b.test', password: '' }).success).toBe(false);
  });

  it('accepts only well-formed reset tokens', async () => {
    const withToken = (token: string) => resetSchema.safeParseAsync({ token, password: STRONG });
    expect((await withToken('A'.repeat(43))).success).toBe(true);
    expect((await withToken('A'.repeat(42))).success).toBe(false);
    expect((await withToken(`${'A'.repeat(42)}=`)).success).toBe(false);
  });

  it('asks for a new password that differs from the current one', async () => {
    const same = await changePasswordSchema.safeParseAsync({
      currentPassword: STRONG,
      newPassword: STRONG,
    });
    expect(messages(same)).toEqual([
      'newPassword: Choose a password different from the current one.',
    ]);
  });
});
