import 'server-only';
import { cookies } from 'next/headers';
import { clearedSessionCookie, sessionCookieName, type CookieToSet } from './cookie';

/** For server actions: the response carries the new session cookie. */
export async function storeSessionCookie(cookie: CookieToSet): Promise<void> {
  (await cookies()).set(cookie.name, cookie.value, cookie.options);
}

export async function clearSessionCookie(): Promise<void> {
  const cleared = clearedSessionCookie();
  (await cookies()).set(cleared.name, cleared.value, cleared.options);
}

/** The raw session cookie of the current request (pages and actions). */
export async function sessionTokenFromCookies(): Promise<string | undefined> {
  return (await cookies()).get(sessionCookieName())?.value;
}
