import { json, route } from '@/lib/api/handler';
import { PRIVATE_NO_STORE } from '@/lib/auth';
import { claimGift } from '@/lib/library';

/** Puts the gift in the caller's library; another account's gift, like a stale link, is a 404. */
export const POST = route<{ token: string }>({ auth: 'user' }, async ({ params, user }) => {
  return json(await claimGift(user, params.token), { headers: PRIVATE_NO_STORE });
});
