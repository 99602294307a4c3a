import { NextResponse } from 'next/server';
import { route } from '@/lib/api/handler';
import { requireUser, revokeOwnSession, withoutSessionCookie } from '@/lib/auth';
import { assertSameOrigin } from '@/lib/http/same-origin';

/** Revokes one of your own sessions; another user's session id answers 404 like a missing one. */
export const DELETE = route<{ id: string }>(async ({ req, params }) => {
  assertSameOrigin(req);
  const user = await requireUser(req);
  const { current } = await revokeOwnSession(user, params.id);
  const res = new NextResponse(null, { status: 204 });
  return current ? withoutSessionCookie(res) : res;
});
