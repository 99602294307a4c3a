import { NextResponse } from 'next/server';
import { route } from '@/lib/api/handler';
import { revokeOwnSession, withoutSessionCookie } from '@/lib/auth';

/** Revokes one of your own sessions; another user's session id answers 404 like a missing one. */
export const DELETE = route<{ id: string }>({ auth: 'user' }, async ({ params, user }) => {
  const { current } = await revokeOwnSession(user, params.id);
  const res = new NextResponse(null, { status: 204 });
  return current ? withoutSessionCookie(res) : res;
});
