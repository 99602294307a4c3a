import { json, route } from '@/lib/api/handler';
import { PRIVATE_NO_STORE, requireUser } from '@/lib/auth';
import { assertSameOrigin } from '@/lib/http/same-origin';
import { claimGift } from '@/lib/library';

/** Puts the gift in the caller's library; another account's gift, like a stale link, is a 404. */
export const POST = route<{ token: string }>(async ({ req, params }) => {
  assertSameOrigin(req);
  const user = await requireUser(req);
  return json(await claimGift(user, params.token), { headers: PRIVATE_NO_STORE });
});
