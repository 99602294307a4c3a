import 'server-only';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { ForbiddenError, UnauthenticatedError } from '@/lib/errors';
import { decodeSessionToken, type SessionClaims } from './cookie';
import { sessionTokenFromCookies } from './next-cookies';
import { sessionTokenOf } from './responses';
import { checkSession } from './sessions';
import type { SessionUser } from './types';

/** The user of the session that verified claims name, if it is still alive and still theirs. */
export async function userFromClaims(claims: SessionClaims): Promise<SessionUser | null> {
  const user = await checkSession(claims.sid);
  return user && user.id === claims.sub ? user : null;
}

/** The session a cookie value names, if the cookie is genuine and the session still alive. */
export async function userFromSessionToken(
  token: string | undefined | null,
): Promise<SessionUser | null> {
  const claims = await decodeSessionToken(token);
  return claims ? userFromClaims(claims) : null;
}

// One check per render even when layout, page and components all ask.
const userFromRequestCookies = cache(async (): Promise<SessionUser | null> =>
  userFromSessionToken(await sessionTokenFromCookies()),
);

/**
 * The signed-in user, or null. Route handlers pass their request; pages, layouts and server
 * actions call it bare and the request's cookies are read.
 */
export async function currentUser(req?: Request): Promise<SessionUser | null> {
  if (req) return userFromSessionToken(sessionTokenOf(req));
  return userFromRequestCookies();
}

/** For route handlers and server actions: 401 when nobody is signed in. */
export async function requireUser(req?: Request): Promise<SessionUser> {
  const user = await currentUser(req);
  if (!user) throw new UnauthenticatedError();
  return user;
}

/** For route handlers and server actions: 401 when nobody is signed in, 403 for non-admins. */
export async function requireAdmin(req?: Request): Promise<SessionUser> {
  const user = await requireUser(req);
  if (user.role !== 'admin') throw new ForbiddenError('This area is for shop administrators.');
  return user;
}

/** Only same-site paths: an open redirect after login would hand phishers our domain. */
export function safeReturnPath(raw: unknown, fallback = '/account'): string {
  if (typeof raw !== 'string' || raw.length > 2048) return fallback;
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return fallback;
  try {
    const url = new URL(raw, 'http://internal.invalid');
    if (url.origin !== 'http://internal.invalid') return fallback;
    // Dot segments collapse while parsing: `/.//evil.example` comes out as `//evil.example`,
    // which a browser reads as another host. Judge the path we are about to hand back.
    if (url.pathname.startsWith('//') || url.pathname.startsWith('/\\')) return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}

export function loginPath(returnTo?: string): string {
  const target = safeReturnPath(returnTo, '');
  return target ? `/login?callbackUrl=${encodeURIComponent(target)}` : '/login';
}

/** For pages and layouts: sends anonymous visitors (and revoked sessions) to the login page. */
export async function requirePageUser(returnTo: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(loginPath(returnTo));
  return user;
}

/** For admin pages and layouts: anonymous visitors go to login, customers to the forbidden page. */
export async function requirePageAdmin(returnTo: string): Promise<SessionUser> {
  const user = await requirePageUser(returnTo);
  if (user.role !== 'admin') redirect('/forbidden');
  return user;
}
