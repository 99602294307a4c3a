import { NextResponse } from 'next/server';
import { json, route } from '@/lib/api/handler';
import {
  listSessions,
  PRIVATE_NO_STORE,
  requireUser,
  signOutEverywhere,
  withoutSessionCookie,
} from '@/lib/auth';
import { assertSameOrigin } from '@/lib/http/same-origin';

export const GET = route(async ({ req }) => {
  const user = await requireUser(req);
  return json({ sessions: await listSessions(user.id, user.sid) }, { headers: PRIVATE_NO_STORE });
});

/** Signs out everywhere, this device included. */
export const DELETE = route(async ({ req }) => {
  assertSameOrigin(req);
  const user = await requireUser(req);
  await signOutEverywhere(user);
  return withoutSessionCookie(new NextResponse(null, { status: 204 }));
});
