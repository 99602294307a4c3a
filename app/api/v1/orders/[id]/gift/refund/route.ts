import { json, route } from '@/lib/api/handler';
import { PRIVATE_NO_STORE, requireUser } from '@/lib/auth';
import { assertSameOrigin } from '@/lib/http/same-origin';
import { refundUnclaimedGift } from '@/lib/orders';

/** Refunds a gift nobody claimed: its keys return to the vault, its link stops working. */
export const POST = route<{ id: string }>(async ({ req, params }) => {
  assertSameOrigin(req);
  const user = await requireUser(req);
  return json(await refundUnclaimedGift(user.id, params.id), { headers: PRIVATE_NO_STORE });
});
