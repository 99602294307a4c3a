import { json, route } from '@/lib/api/handler';
import { archiveProduct, requireAdminActor } from '@/lib/admin';
import { PRIVATE_NO_STORE } from '@/lib/auth';
import { assertSameOrigin } from '@/lib/http/same-origin';

/** POST: takes the game off sale (soft delete); 409 when it already is. */
export const POST = route<{ id: string }>(async ({ req, params }) => {
  const actor = await requireAdminActor(req);
  assertSameOrigin(req);
  return json({ product: await archiveProduct(actor, params.id) }, { headers: PRIVATE_NO_STORE });
});
