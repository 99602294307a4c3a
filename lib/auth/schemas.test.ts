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

  it('wants at least 8 characters, counting code points rather than UTF-16 units', () => {
    expect(newPasswordSchema.safeParse('1234567').success).toBe(false);
    expect(newPasswordSchema.safeParse('12345678').success).toBe(true);
    // Four emoji are eight UTF-16 units but only four characters.
    expect(newPasswordSchema.safeParse('🎮🎮🎮🎮').success).toBe(false);
  });

  it('allows at most 72 bytes of UTF-8, whatever the character count', () => {
    expect(utf8Length('é')).toBe(2);
    expect(newPasswordSchema.safeParse('a'.repeat(72)).success).toBe(true);
    expect(newPasswordSchema.safeParse('a'.repeat(73)).success).toBe(false);
    expect(newPasswordSchema.safeParse('ü'.repeat(36)).success).toBe(true);
    const tooLong = newPasswordSchema.safeParse('ü'.repeat(37));
    expect(tooLong.success).toBe(false);
    expect(messages(tooLong).join()).toMatch(/at most 72 bytes/);
    expect(newPasswordSchema.safeParse('密'.repeat(24)).success).toBe(true);
    expect(newPasswordSchema.safeParse('密'.repeat(25)).success).toBe(false);
  });

  it('refuses a password equal to the email, ignoring case and spaces', () => {
    const result = registerSchema.safeParse({
      email: 'ada@example.test',
      password: ' ADA@example.test ',
      name: 'Ada',
    });
    expect(messages(result)).toEqual(['password: Your password cannot be your email address.']);
  });

  it('trims names and keeps them between 1 and 80 characters', () => {
    expect(nameSchema.parse('  Ada Lovelace ')).toBe('Ada Lovelace');
    expect(nameSchema.safeParse('   ').success).toBe(false);
    expect(nameSchema.safeParse('x'.repeat(80)).success).toBe(true);
    expect(nameSchema.safeParse('x'.repeat(81)).success).toBe(false);
  });

  it('does not apply the new-password rules to a password typed to log in', () => {
    expect(loginSchema.safeParse({ email: 'a@b.test', password: 'old' }).success).toBe(true);
    expect(loginSchema.safeParse({ email: 'a@b.test', password: '' }).success).toBe(false);
  });

  it('accepts only well-formed reset tokens', () => {
    expect(resetSchema.safeParse({ token: 'A'.repeat(43), password: 'long enough' }).success).toBe(
      true,
    );
    expect(resetSchema.safeParse({ token: 'A'.repeat(42), password: 'long enough' }).success).toBe(
      false,
    );
    expect(
      resetSchema.safeParse({ token: `${'A'.repeat(42)}=`, password: 'long enough' }).success,
    ).toBe(false);
  });

  it('asks for a new password that differs from the current one', () => {
    const same = changePasswordSchema.safeParse({
      currentPassword: 'same password',
      newPassword: 'same password',
    });
    expect(messages(same)).toEqual([
      'newPassword: Choose a password different from the current one.',
    ]);
  });
});
