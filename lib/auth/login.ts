import 'server-only';
import { env } from '@/lib/config/env';
import { UnauthenticatedError } from '@/lib/errors';
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

/** One answer for every failed login: unknown email, wrong password and disabled account alike. */
export const BAD_LOGIN_MESSAGE = 'The email or password is incorrect.';

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
 * Checks an email and password and opens a new session. Known and unknown emails cost the same
 * bcrypt work and fail with the same error; limits apply before any of it.
 */
export async function signInWithPassword(input: LoginInput, meta: RequestMeta): Promise<SignedIn> {
  assertHashCapacity();
  await limitAuthAttempt('login', input.email, meta.ip);
  const user = await findUserByEmail(input.email);
  let valid = false;
  if (user) valid = await verifyPassword(input.password, user.passwordHash);
  else await burnPasswordCheck(input.password);
  if (!user || !valid || user.status !== 'active')
    throw new UnauthenticatedError(BAD_LOGIN_MESSAGE);
  if (needsRehash(user.passwordHash)) {
    // BCRYPT_COST changed since this hash was made: upgrade it now that we know the password.
    void runAfterResponse('password rehash', async () => {
      await upgradePasswordHash(user.id, user.passwordHash, await hashPassword(input.password));
    });
  }
  return openSession(user, meta);
}
