import { json, route } from '@/lib/api/handler';
import { recordCashPayment } from '@/lib/admin';
import { PRIVATE_NO_STORE } from '@/lib/auth';

/**
 * POST: records the cash collected for a cash-on-delivery order awaiting payment, which makes it
 * paid; 409 for any other order or a second recording.
 */
export const POST = route<{ id: string }>({ auth: 'admin' }, async ({ params, actor }) => {
  return json(await recordCashPayment(actor, params.id), { headers: PRIVATE_NO_STORE });
});
