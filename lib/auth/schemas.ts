import { z } from 'zod';

/** bcrypt reads at most 72 bytes; anything longer would be silently cut, so it is refused instead. */
export const PASSWORD_MAX_BYTES = 72;
export const PASSWORD_MIN_CHARS = 8;
export const NAME_MAX_CHARS = 80;

const encoder = new TextEncoder();
export const utf8Length = (value: string) => encoder.encode(value).length;

export const emailSchema = z
  .string({ error: 'Enter your email address.' })
  .trim()
  .toLowerCase()
  .min(1, 'Enter your email address.')
  .max(254, 'That email address is too long.')
  .pipe(z.email('Enter a valid email address.'));

/** A password someone is choosing now (register, reset, change): the full rule set. */
export const newPasswordSchema = z
  .string({ error: 'Choose a password.' })
  .refine(
    (v) => [...v].length >= PASSWORD_MIN_CHARS,
    `Use at least ${PASSWORD_MIN_CHARS} characters.`,
  )
  .refine(
    (v) => utf8Length(v) <= PASSWORD_MAX_BYTES,
    `Use at most ${PASSWORD_MAX_BYTES} bytes (about ${PASSWORD_MAX_BYTES} letters, fewer with accents or emoji).`,
  );

/** A password someone types to prove who they are: never judged by today's rules, only bounded. */
export const currentPasswordSchema = z
  .string({ error: 'Enter your password.' })
  .min(1, 'Enter your password.')
  .max(1024, 'Enter your password.');

export const nameSchema = z
  .string({ error: 'Enter your name.' })
  .trim()
  .min(1, 'Enter your name.')
  .refine((v) => [...v].length <= NAME_MAX_CHARS, `Use at most ${NAME_MAX_CHARS} characters.`);

const passwordIsNotEmail = (password: string, email: string) =>
  password.trim().toLowerCase() !== email;
const PASSWORD_IS_EMAIL = 'Your password cannot be your email address.';

export const registerSchema = z
  .object({ email: emailSchema, password: newPasswordSchema, name: nameSchema })
  .refine((v) => passwordIsNotEmail(v.password, v.email), {
    path: ['password'],
    message: PASSWORD_IS_EMAIL,
  });

export const loginSchema = z.object({ email: emailSchema, password: currentPasswordSchema });

export const recoverySchema = z.object({ email: emailSchema });

/** Base64url of 32 bytes is 43 characters; anything else cannot be one of our tokens. */
export const resetTokenSchema = z
  .string({ error: 'This reset link is invalid or has expired.' })
  .regex(/^[A-Za-z0-9_-]{43}$/, 'This reset link is invalid or has expired.');

export const resetSchema = z.object({ token: resetTokenSchema, password: newPasswordSchema });

export const changePasswordSchema = z
  .object({ currentPassword: currentPasswordSchema, newPassword: newPasswordSchema })
  .refine((v) => v.currentPassword !== v.newPassword, {
    path: ['newPassword'],
    message: 'Choose a password different from the current one.',
  });

export const profileSchema = z.object({ name: nameSchema });

export type RegisterInput = z.infer<typeof registerSchema>;
export type LoginInput = z.infer<typeof loginSchema>;
export type ResetInput = z.infer<typeof resetSchema>;
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export { passwordIsNotEmail, PASSWORD_IS_EMAIL };
