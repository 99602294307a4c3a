import { json, route } from '@/lib/api/handler';
import { deleteProductImage, requireAdminActor } from '@/lib/admin';
import { PRIVATE_NO_STORE } from '@/lib/auth';
import { assertSameOrigin } from '@/lib/http/same-origin';

/** DELETE: removes one picture of a game (the row first, then its file). */
export const DELETE = route<{ id: string; imageId: string }>(async ({ req, params }) => {
  const actor = await requireAdminActor(req);
  assertSameOrigin(req);
  return json(
    { product: await deleteProductImage(actor, params.id, params.imageId) },
    { headers: PRIVATE_NO_STORE },
  );
});
