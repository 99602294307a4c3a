import 'server-only';
import type { NextRequest, NextResponse } from 'next/server';
import { json } from '@/lib/api/handler';
import {
  PRIVATE_NO_STORE,
  publicUser,
  sessionTokenOf,
  signOutToken,
  withSessionCookie,
  type SignedIn,
} from '@/lib/auth';
import { adoptGuestCartFromRequest } from '@/lib/cart/session';

/** The answer to a sign-in (login, registration): the user, the new cookie, the guest cart kept. */
export async function signedInResponse(
  req: NextRequest,
  { user, cookie }: SignedIn,
  status = 200,
): Promise<NextResponse> {
  // A new session id at every sign-in; whatever this browser held before is revoked.
  await signOutToken(sessionTokenOf(req));
  const res = withSessionCookie(
    json({ user: publicUser(user) }, { status, headers: PRIVATE_NO_STORE }),
    cookie,
  );
  return adoptGuestCartFromRequest(req, user.id, res);
}
