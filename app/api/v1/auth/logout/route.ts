import { NextResponse } from 'next/server';
import { route } from '@/lib/api/handler';
import { sessionTokenOf, signOutToken, withoutSessionCookie } from '@/lib/auth';

/** Always 204, signed in or not: logging out twice is not an error. */
export const POST = route({ auth: 'none' }, async ({ req }) => {
  await signOutToken(sessionTokenOf(req));
  return withoutSessionCookie(new NextResponse(null, { status: 204 }));
});
