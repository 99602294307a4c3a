import 'server-only';
import type { NextResponse } from 'next/server';
import { clearedSessionCookie, sessionTokenFromCookieHeader, type CookieToSet } from './cookie';

/** Auth answers are about one person: never stored by a shared cache. */
export const PRIVATE_NO_STORE = { 'cache-control': 'private, no-store' } as const;

export function withSessionCookie<R extends NextResponse>(res: R, cookie: CookieToSet): R {
  res.cookies.set(cookie.name, cookie.value, cookie.options);
  return res;
}

export function withoutSessionCookie<R extends NextResponse>(res: R): R {
  return withSessionCookie(res, clearedSessionCookie());
}

export function sessionTokenOf(req: Request): string | undefined {
  return sessionTokenFromCookieHeader(req.headers.get('cookie'));
}
