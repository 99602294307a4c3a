import { json, route } from '@/lib/api/handler';
import { getAdminOrder } from '@/lib/admin';
import { PRIVATE_NO_STORE } from '@/lib/auth';

/** GET: one order with its customer, timeline, payment and internal notes. */
export const GET = route<{ id: string }>({ auth: 'admin' }, async ({ params }) => {
  return json(await getAdminOrder(params.id), { headers: PRIVATE_NO_STORE });
});
