import { z } from 'zod';
import { newPasswordProblem, passwordLengthProblem, type PasswordOwner } from './password-strength';

export {
  PASSWORD_MAX_BYTES,
  PASSWORD_MIN_CHARS,
  PASSWORD_RULE,
  utf8Length,
} from './password-strength';
export const NAME_MAX_CHARS = 80;

export const emailSchema = z
  .string({ error: 'Enter your email address.' })
  .trim()
  .toLowerCase()
  .min(1, 'Enter your email address.')
  .max(254, 'That email address is too long.')
  .pipe(z.email('Enter a valid email address.'));

/**
 * A password someone is choosing now (register, reset, change): the length rules here; the strength
 * rule needs the owner's email and name, so `strongPassword` adds it to the object that has them.
 */
export const newPasswordSchema = z
  .string({ error: 'Choose a password.' })
  .superRefine((value, ctx) => {
    const problem = passwordLengthProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/**
 * Refuses a guessable password with the plain rule. Asynchronous (the dictionaries load on first
 * use), so these schemas are parsed with `safeParseAsync`. It runs only once the length rules pass,
 * so a short password gets one message, not two. Never applied at login: an old password keeps
 * working.
 */
export function strongPassword<T extends Record<string, unknown>>(
  key: keyof T & string,
  ownerOf: (input: T) => PasswordOwner = () => ({}),
) {
  return async (input: T, ctx: z.RefinementCtx) => {
    const password = input[key];
    if (typeof password !== 'string' || passwordLengthProblem(password)) return;
    const problem = await newPasswordProblem(password, ownerOf(input));
    if (problem) ctx.addIssue({ code: 'custom', path: [key], message: problem });
  };
}

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

export const registerSchema = z
  .object({ email: emailSchema, password: newPasswordSchema, name: nameSchema })
  .superRefine(strongPassword('password', ({ email, name }) => ({ email, name })));

export const loginSchema = z.object({ email: emailSchema, password: currentPasswordSchema });

export const recoverySchema = z.object({ email: emailSchema });

/** Base64url of 32 bytes is 43 characters; anything else cannot be one of our tokens. */
export const resetTokenSchema = z
  .string({ error: 'This reset link is invalid or has expired.' })
  .regex(/^[A-Za-z0-9_-]{43}$/, 'This reset link is invalid or has expired.');

/** The owner is known only once the token is looked up: `resetPassword` checks again with them. */
export const resetSchema = z
  .object({ token: resetTokenSchema, password: newPasswordSchema })
  .superRefine(strongPassword('password'));

export const changePasswordSchema = z
  .object({ currentPassword: currentPasswordSchema, newPassword: newPasswordSchema })
  .refine((v) => v.currentPassword !== v.newPassword, {
    path: ['newPassword'],
    message: 'Choose a password different from the current one.',
  })
  // The owner comes from the session: `changePassword` checks again with their email and name.
  .superRefine(strongPassword('newPassword'));

export const profileSchema = z.object({ name: nameSchema });

export type RegisterInput = z.infer<typeof registerSchema>;
export type LoginInput = z.infer<typeof loginSchema>;
export type ResetInput = z.infer<typeof resetSchema>;
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
