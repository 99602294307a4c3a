import { NextResponse } from 'next/server';
import { json, route } from '@/lib/api/handler';
import {
  listSessions,
  PRIVATE_NO_STORE,
  signOutEverywhere,
  withoutSessionCookie,
} from '@/lib/auth';

export const GET = route({ auth: 'user' }, async ({ user }) => {
  return json({ sessions: await listSessions(user.id, user.sid) }, { headers: PRIVATE_NO_STORE });
});

/** Signs out everywhere, this device included. */
export const DELETE = route({ auth: 'user' }, async ({ user }) => {
  await signOutEverywhere(user);
  return withoutSessionCookie(new NextResponse(null, { status: 204 }));
});
