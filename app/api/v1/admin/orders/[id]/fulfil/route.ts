import { json, route } from '@/lib/api/handler';
import { fulfilAdminOrder } from '@/lib/admin';
import { PRIVATE_NO_STORE } from '@/lib/auth';

/** POST: marks a paid order fulfilled; 409 from any other state. */
export const POST = route<{ id: string }>({ auth: 'admin' }, async ({ params, actor }) => {
  return json(await fulfilAdminOrder(actor, params.id), { headers: PRIVATE_NO_STORE });
});
