import { json, route } from '@/lib/api/handler';
import { fulfilAdminOrder, requireAdminActor } from '@/lib/admin';
import { PRIVATE_NO_STORE } from '@/lib/auth';
import { assertSameOrigin } from '@/lib/http/same-origin';

/** POST: marks a paid order fulfilled; 409 from any other state. */
export const POST = route<{ id: string }>(async ({ req, params }) => {
  const actor = await requireAdminActor(req);
  assertSameOrigin(req);
  return json(await fulfilAdminOrder(actor, params.id), { headers: PRIVATE_NO_STORE });
});
