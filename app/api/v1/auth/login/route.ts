import { json, parseJson, route } from '@/lib/api/handler';
import {
  loginSchema,
  PRIVATE_NO_STORE,
  publicUser,
  sessionTokenOf,
  signInWithPassword,
  signOutToken,
  withSessionCookie,
} from '@/lib/auth';
import { adoptGuestCartFromRequest } from '@/lib/cart/session';
import { requestMeta } from '@/lib/http/request-meta';

export const POST = route(async ({ req }) => {
  const input = await parseJson(req, loginSchema);
  const { user, cookie } = await signInWithPassword(input, requestMeta(req.headers));
  // A new session id at every login; the one this browser held before is revoked.
  await signOutToken(sessionTokenOf(req));
  const res = withSessionCookie(json({ user: publicUser(user) }, { headers: PRIVATE_NO_STORE }), cookie);
  return adoptGuestCartFromRequest(req, user.id, res);
});
