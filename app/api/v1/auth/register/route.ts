import { json, parseJson, route } from '@/lib/api/handler';
import {
  PRIVATE_NO_STORE,
  publicUser,
  registerAccount,
  registerSchema,
  sessionTokenOf,
  signOutToken,
  withSessionCookie,
} from '@/lib/auth';
import { adoptGuestCartFromRequest } from '@/lib/cart/session';
import { requestMeta } from '@/lib/http/request-meta';

export const POST = route(async ({ req }) => {
  const input = await parseJson(req, registerSchema);
  const { user, cookie } = await registerAccount(input, requestMeta(req.headers));
  // Whatever session this browser had before is over: one cookie, one session.
  await signOutToken(sessionTokenOf(req));
  const res = withSessionCookie(
    json({ user: publicUser(user) }, { status: 201, headers: PRIVATE_NO_STORE }),
    cookie,
  );
  return adoptGuestCartFromRequest(req, user.id, res);
});
