import 'server-only';
import { cookies } from 'next/headers';
import type { NextResponse } from 'next/server';
import type { SessionUser } from '@/lib/auth';
import { env } from '@/lib/config/env';
import { log } from '@/lib/log';
import { mergeGuestCart } from './cart';
import {
  GUEST_COOKIE,
  GUEST_COOKIE_MAX_AGE,
  newGuestId,
  signGuestId,
  verifyGuestCookie,
} from './guest-id';
import type { CartOwner } from './types';

function cookieFromHeader(req: Request, name: string): string | undefined {
  for (const part of (req.headers.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      // A cookie that is not valid percent-encoding is simply not ours (decoding it would throw a 500).
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

const cookieOptions = () => ({
  httpOnly: true,
  sameSite: 'lax' as const,
  secure: new URL(env().AUTH_URL).protocol === 'https:',
  path: '/',
});

export type ResolvedOwner = { owner: CartOwner; newGuestCookie?: string };

/**
 * Whose cart this request works on: the signed-in shopper's, else the guest cart named by the
 * signed cookie (the route wrapper resolves the user: `auth: 'optional'`). With `create`, a guest without a cookie gets a new id (only when they add
 * something, so browsing never sets cookies); pass the result to `withGuestCookie`.
 */
export async function cartOwner(
  req: Request,
  user: SessionUser | null,
  options: { create: true },
): Promise<ResolvedOwner>;
export async function cartOwner(
  req: Request,
  user: SessionUser | null,
  options: { create: false },
): Promise<ResolvedOwner | null>;
export async function cartOwner(
  req: Request,
  user: SessionUser | null,
  options: { create: boolean },
): Promise<ResolvedOwner | null> {
  if (user) return { owner: { userId: user.id } };
  const guestId = verifyGuestCookie(cookieFromHeader(req, GUEST_COOKIE));
  if (guestId) return { owner: { guestId } };
  if (!options.create) return null;
  const fresh = newGuestId();
  return { owner: { guestId: fresh }, newGuestCookie: signGuestId(fresh) };
}

export function withGuestCookie<R extends NextResponse>(res: R, resolved: ResolvedOwner | null): R {
  if (resolved?.newGuestCookie) {
    res.cookies.set(GUEST_COOKIE, resolved.newGuestCookie, {
      ...cookieOptions(),
      maxAge: GUEST_COOKIE_MAX_AGE,
    });
  }
  return res;
}

async function adopt(value: string | undefined, userId: string): Promise<boolean> {
  const guestId = verifyGuestCookie(value);
  if (!guestId) return false;
  try {
    await mergeGuestCart(guestId, userId);
    return true;
  } catch (err) {
    // Never fails the login: the guest cart stays in its cookie for the next attempt.
    log.warn({ err, userId }, 'guest cart merge failed; kept for the next login');
    return false;
  }
}

/**
 * For login and registration route handlers, after the password checked out: moves this
 * browser's guest cart into the account and clears the guest cookie on `res`.
 */
export async function adoptGuestCartFromRequest<R extends NextResponse>(
  req: Request,
  userId: string,
  res: R,
): Promise<R> {
  if (await adopt(cookieFromHeader(req, GUEST_COOKIE), userId)) {
    res.cookies.set(GUEST_COOKIE, '', { ...cookieOptions(), maxAge: 0 });
  }
  return res;
}

/** The same for server actions (login and register forms), through next/headers. */
export async function adoptGuestCart(userId: string): Promise<void> {
  const jar = await cookies();
  if (await adopt(jar.get(GUEST_COOKIE)?.value, userId)) jar.delete(GUEST_COOKIE);
}
