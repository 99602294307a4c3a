import { json, route } from '@/lib/api/handler';
import { PRIVATE_NO_STORE } from '@/lib/auth';
import { cancelOrder } from '@/lib/orders';

/**
 * Before payment only (and, cash on delivery, before it ships): stock returns. A paid order is a
 * 409 that says to request a refund (POST …/refund), which staff approve or deny.
 */
export const POST = route<{ id: string }>({ auth: 'user' }, async ({ params, user }) => {
  return json(await cancelOrder(user.id, params.id), { headers: PRIVATE_NO_STORE });
});
