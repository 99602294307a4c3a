import { json, route } from '@/lib/api/handler';
import { disableUserAccount, requireAdminActor } from '@/lib/admin';
import { PRIVATE_NO_STORE } from '@/lib/auth';
import { assertSameOrigin } from '@/lib/http/same-origin';

/** POST: disables the account and ends all its sessions at once; an admin cannot disable themself (403). */
export const POST = route<{ id: string }>(async ({ req, params }) => {
  const actor = await requireAdminActor(req);
  assertSameOrigin(req);
  return json({ user: await disableUserAccount(actor, params.id) }, { headers: PRIVATE_NO_STORE });
});
