import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { passwordResetTokens, users } from '@/db/schema';
import { env } from '@/lib/config/env';
import { DomainError, ValidationError } from '@/lib/errors';
import { runAfterResponse } from '@/lib/http/after-response';
import type { RequestMeta } from '@/lib/http/request-meta';
import { mailAvailable, sendMail } from '@/lib/mail';
import { passwordResetMail } from '@/lib/mail/templates';
import { primaryDb } from './db';
import { assertHashCapacity } from './hash-pool';
import { limitAuthAttempt } from './limits';
import { hashPassword } from './password';
import { newPasswordProblem } from './password-strength';
import type { ResetInput } from './schemas';
import { forgetRevokedSessions, markSessionsRevoked } from './revocation';
import { findUserByEmail, setPasswordHash } from './users';

export const RESET_TOKEN_TTL_MINUTES = 60;

export const RECOVERY_ACCEPTED_MESSAGE =
  'If an account exists for that email, we have sent it a link to reset the password. The link is valid for one hour.';

/** When this shop sends no mail: the same answer for every email, so it reveals no account. */
export const RECOVERY_UNAVAILABLE_MESSAGE =
  'Password reset by email is not available on this shop, because it does not send mail. Contact the shop’s support team to get back into your account.';

const INVALID_TOKEN = 'This reset link is invalid or has expired. Ask for a new one.';

/** Only the hash is stored: a leaked table row cannot be turned back into a working link. */
function hashResetToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function resetLink(token: string): string {
  return `${env().AUTH_URL.replace(/\/$/, '')}/reset-password?token=${encodeURIComponent(token)}`;
}

/**
 * Accepts a recovery request. Whether the email has an account is decided after the response has
 * gone out, so the answer and its timing are the same for every email. `done` settles when the
 * background work does; request handlers never await it.
 */
export async function requestPasswordReset(
  input: { email: string },
  meta: RequestMeta,
): Promise<{ done: Promise<void> }> {
  // No Retry-After: this is how the shop is set up (MAIL_DISABLED), not a passing overload.
  if (!mailAvailable()) throw new DomainError('unavailable', 503, RECOVERY_UNAVAILABLE_MESSAGE);
  await limitAuthAttempt('recovery', input.email, meta.ip);
  const done = runAfterResponse('password reset mail', () => sendPasswordResetMail(input.email));
  return { done };
}

export async function sendPasswordResetMail(email: string): Promise<void> {
  const user = await findUserByEmail(email);
  if (!user || user.status !== 'active') return;
  const token = await issueResetToken(user.id);
  await sendMail(
    passwordResetMail(user.email, user.name, resetLink(token), RESET_TOKEN_TTL_MINUTES),
  );
}

/** A new single-use reset token for a user: 32 random bytes, base64url, valid for an hour. */
export async function issueResetToken(userId: string, now = Date.now()): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const db = await primaryDb();
  await db.insert(passwordResetTokens).values({
    userId,
    tokenHash: hashResetToken(token),
    createdAt: new Date(now),
    expiresAt: new Date(now + RESET_TOKEN_TTL_MINUTES * 60_000),
  });
  return token;
}

/** Outstanding reset links stop working once the password changed by any route. */
export async function expireResetTokens(db: DbOrTx, userId: string): Promise<void> {
  await db
    .update(passwordResetTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(passwordResetTokens.userId, userId), isNull(passwordResetTokens.usedAt)));
}

function invalidToken(): ValidationError {
  return new ValidationError(INVALID_TOKEN, { token: [INVALID_TOKEN] });
}

/**
 * Sets a new password with a reset token. The token is consumed by one conditional update inside
 * the transaction that changes the password, so two concurrent uses cannot both succeed; every
 * session of the user is revoked.
 */
export async function resetPassword(input: ResetInput): Promise<void> {
  assertHashCapacity();
  const tokenHash = hashResetToken(input.token);
  const db = await primaryDb();
  const [pending] = await db
    .select({ email: users.email, name: users.name })
    .from(passwordResetTokens)
    .innerJoin(users, eq(users.id, passwordResetTokens.userId))
    .where(
      and(
        eq(passwordResetTokens.tokenHash, tokenHash),
        isNull(passwordResetTokens.usedAt),
        gt(passwordResetTokens.expiresAt, new Date()),
      ),
    )
    .limit(1);
  if (!pending) throw invalidToken();
  // The schema judged the password without knowing whose it is; now the email and name count too.
  const weak = await newPasswordProblem(input.password, pending);
  if (weak) throw new ValidationError(weak, { password: [weak] });
  const passwordHash = await hashPassword(input.password);
  const revoked = await db.transaction(async (tx) => {
    const now = new Date();
    const [consumed] = await tx
      .update(passwordResetTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(passwordResetTokens.tokenHash, tokenHash),
          isNull(passwordResetTokens.usedAt),
          gt(passwordResetTokens.expiresAt, now),
        ),
      )
      .returning({ userId: passwordResetTokens.userId });
    if (!consumed) throw invalidToken();
    await setPasswordHash(tx, consumed.userId, passwordHash);
    await expireResetTokens(tx, consumed.userId);
    return markSessionsRevoked(tx, consumed.userId);
  });
  await forgetRevokedSessions(revoked);
}
