import { json, route } from '@/lib/api/handler';
import { enableUserAccount, requireAdminActor } from '@/lib/admin';
import { PRIVATE_NO_STORE } from '@/lib/auth';
import { assertSameOrigin } from '@/lib/http/same-origin';

/** POST: lets a disabled user sign in again. */
export const POST = route<{ id: string }>(async ({ req, params }) => {
  const actor = await requireAdminActor(req);
  assertSameOrigin(req);
  return json({ user: await enableUserAccount(actor, params.id) }, { headers: PRIVATE_NO_STORE });
});
