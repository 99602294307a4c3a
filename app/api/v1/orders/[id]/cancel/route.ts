import { json, route } from '@/lib/api/handler';
import { PRIVATE_NO_STORE, requireUser } from '@/lib/auth';
import { assertSameOrigin } from '@/lib/http/same-origin';
import { cancelOrder } from '@/lib/orders';

/** Before fulfilment only (409 after); stock returns and a paid order is refunded. */
export const POST = route<{ id: string }>(async ({ req, params }) => {
  assertSameOrigin(req);
  const user = await requireUser(req);
  return json(await cancelOrder(user.id, params.id), { headers: PRIVATE_NO_STORE });
});
