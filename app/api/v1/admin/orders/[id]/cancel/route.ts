import { json, parseOptionalJson, route } from '@/lib/api/handler';
import { adminCancelSchema, cancelAdminOrder } from '@/lib/admin';
import { PRIVATE_NO_STORE } from '@/lib/auth';

/**
 * POST `{ reason? }` (or no body): staff cancel an order. Unpaid: stock returns. Paid and not
 * shipped: refunded in full (the provider is told after the commit). 409 for a fulfilled, paid
 * order (refund it) or a closed one.
 */
export const POST = route<{ id: string }>({ auth: 'admin' }, async ({ req, params, actor }) => {
  const input = await parseOptionalJson(req, adminCancelSchema);
  return json(await cancelAdminOrder(actor, params.id, input), { headers: PRIVATE_NO_STORE });
});
