import 'server-only';
import { env } from '@/lib/config/env';
import { ForbiddenError, UnauthenticatedError } from '@/lib/errors';
import { runAfterResponse } from '@/lib/http/after-response';
import { log } from '@/lib/log';
import type { RequestMeta } from '@/lib/http/request-meta';
import { sessionCookie, type CookieToSet } from './cookie';
import { assertHashCapacity } from './hash-pool';
import { limitAuthAttempt } from './limits';
import { burnPasswordCheck, hashPassword, needsRehash, verifyPassword } from './password';
import type { LoginInput } from './schemas';
import { createSession, type SessionOwner } from './sessions';
import type { SessionUser } from './types';
import { findUserByEmail, upgradePasswordHash } from './users';

/** One answer for every failed login: unknown email and wrong password alike, disabled or not. */
export const BAD_LOGIN_MESSAGE = 'The email or password is incorrect.';

/**
 * Only for the right password: whoever knows it owns the account, so telling them it is disabled
 * reveals nothing to anyone else, and spares the owner retrying a password that was right.
 */
export const DISABLED_ACCOUNT_MESSAGE =
  'This account has been disabled. Contact the shop if you think this is a mistake.';

export type SignedIn = { user: SessionUser; cookie: CookieToSet };

let warnedInsecure = false;

/** Opens a session for a verified user and mints the cookie that names it. */
export async function openSession(user: SessionOwner, meta: RequestMeta): Promise<SignedIn> {
  const { NODE_ENV, AUTH_URL } = env();
  if (NODE_ENV === 'production' && !AUTH_URL.startsWith('https://') && !warnedInsecure) {
    warnedInsecure = true;
    log.warn(
      { authUrl: AUTH_URL },
      'AUTH_URL is not https: session cookies are sent without the Secure flag',
    );
  }
  const sessionUser = await createSession(user, meta);
  const cookie = await sessionCookie({ sub: user.id, sid: sessionUser.sid, role: user.role });
  return { user: sessionUser, cookie };
}

/**
 * Checks an email and password and opens a new session. Known and unknown emails, active and
 * disabled accounts, cost the same bcrypt work; every wrong password fails with the same error.
 * A disabled account is named as such only once its password was right. Limits apply first.
 */
export async function signInWithPassword(input: LoginInput, meta: RequestMeta): Promise<SignedIn> {
  assertHashCapacity();
  await limitAuthAttempt('login', input.email, meta.ip);
  const user = await findUserByEmail(input.email);
  let valid = false;
  if (user) valid = await verifyPassword(input.password, user.passwordHash);
  else await burnPasswordCheck(input.password);
  if (!user || !valid) throw new UnauthenticatedError(BAD_LOGIN_MESSAGE);
  if (user.status !== 'active') throw new ForbiddenError(DISABLED_ACCOUNT_MESSAGE);
  if (needsRehash(user.passwordHash)) {
    // BCRYPT_COST changed since this hash was made: upgrade it now that we know the password.
    void runAfterResponse('password rehash', async () => {
      await upgradePasswordHash(user.id, user.passwordHash, await hashPassword(input.password));
    });
  }
  return openSession(user, meta);
}
