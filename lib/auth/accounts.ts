import 'server-only';
import { env } from '@/lib/config/env';
import { ConflictError, UnauthenticatedError, ValidationError } from '@/lib/errors';
import type { RequestMeta } from '@/lib/http/request-meta';
import { queueMail } from '@/lib/mail';
import { accountExistsMail } from '@/lib/mail/templates';
import { primaryDb } from './db';
import { assertHashCapacity } from './hash-pool';
import { limitAuthAttempt } from './limits';
import { openSession, type SignedIn } from './login';
import { hashPassword, verifyPassword } from './password';
import { expireResetTokens } from './recovery';
import { newPasswordProblem } from './password-strength';
import type { ChangePasswordInput, RegisterInput } from './schemas';
import {
  forgetRevokedSessions,
  markSessionsRevoked,
  refreshUserSessions,
  revokeAllSessions,
} from './revocation';
import type { SessionUser } from './types';
import { findUserById, insertUser, setName, setPasswordHash, setStatus } from './users';

/**
 * The one answer to registering a taken email. It does not say the account exists, but the contract
 * (201 + a signed-in session) cannot be faked for an account we will not sign you into, so the
 * difference from a success is visible: see the README's decision on registration and enumeration.
 */
export const REGISTER_REFUSED_MESSAGE =
  'We could not create an account with these details. If you already have one, sign in or reset your password.';

/**
 * Creates a customer account and signs it in. The password is hashed before the email is looked
 * at, so a taken email costs the same time as a new one; its owner gets a heads-up mail.
 */
export async function registerAccount(input: RegisterInput, meta: RequestMeta): Promise<SignedIn> {
  assertHashCapacity();
  await limitAuthAttempt('register', input.email, meta.ip);
  const passwordHash = await hashPassword(input.password);
  const user = await insertUser({ email: input.email, name: input.name, passwordHash });
  if (!user) {
    const base = env().AUTH_URL.replace(/\/$/, '');
    void queueMail(accountExistsMail(input.email, `${base}/login`, `${base}/forgot-password`));
    throw new ConflictError(REGISTER_REFUSED_MESSAGE);
  }
  return openSession(user, meta);
}

export async function updateProfile(user: SessionUser, input: { name: string }): Promise<void> {
  await setName(user.id, input.name);
  await refreshUserSessions(user.id);
}

/**
 * Changes the password of the signed-in user after checking the current one, and signs out every
 * other session (the one making the change stays signed in).
 */
export async function changePassword(
  user: SessionUser,
  input: ChangePasswordInput,
  meta: RequestMeta,
): Promise<{ revoked: number }> {
  assertHashCapacity();
  // Guessing the current password from a stolen session is a login attempt like any other.
  await limitAuthAttempt('login', user.email, meta.ip);
  const record = await findUserById(user.id);
  if (!record || record.status !== 'active') throw new UnauthenticatedError();
  if (!(await verifyPassword(input.currentPassword, record.passwordHash))) {
    throw new ValidationError('Your current password is incorrect.', {
      currentPassword: ['Your current password is incorrect.'],
    });
  }
  // The schema judged the password without knowing whose it is; now the email and name count too.
  const weak = await newPasswordProblem(input.newPassword, record);
  if (weak) throw new ValidationError(weak, { newPassword: [weak] });
  const passwordHash = await hashPassword(input.newPassword);
  const db = await primaryDb();
  const revoked = await db.transaction(async (tx) => {
    await setPasswordHash(tx, user.id, passwordHash);
    await expireResetTokens(tx, user.id);
    return markSessionsRevoked(tx, user.id, user.sid);
  });
  await forgetRevokedSessions(revoked);
  return { revoked: revoked.length };
}

/** For the admin area: a disabled user is signed out everywhere and cannot sign in again. */
export async function disableUser(userId: string): Promise<boolean> {
  const found = await setStatus(userId, 'disabled');
  if (found) await revokeAllSessions(userId);
  return found;
}

export async function enableUser(userId: string): Promise<boolean> {
  const found = await setStatus(userId, 'active');
  if (found) await refreshUserSessions(userId);
  return found;
}
