import { json, route } from '@/lib/api/handler';
import { PRIVATE_NO_STORE } from '@/lib/auth';
import { refundUnclaimedGift } from '@/lib/orders';

/** Refunds a gift nobody claimed: its keys return to the vault, its link stops working. */
export const POST = route<{ id: string }>({ auth: 'user' }, async ({ params, user }) => {
  return json(await refundUnclaimedGift(user.id, params.id), { headers: PRIVATE_NO_STORE });
});
