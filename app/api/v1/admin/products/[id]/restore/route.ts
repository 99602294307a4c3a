import { json, route } from '@/lib/api/handler';
import { restoreProduct, requireAdminActor } from '@/lib/admin';
import { PRIVATE_NO_STORE } from '@/lib/auth';
import { assertSameOrigin } from '@/lib/http/same-origin';

/** POST: puts an archived game back on sale; 409 when it is not archived. */
export const POST = route<{ id: string }>(async ({ req, params }) => {
  const actor = await requireAdminActor(req);
  assertSameOrigin(req);
  return json({ product: await restoreProduct(actor, params.id) }, { headers: PRIVATE_NO_STORE });
});
