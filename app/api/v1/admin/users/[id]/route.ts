import { z } from 'zod';
import { json, parseQuery, route } from '@/lib/api/handler';
import { getAdminUser, listUserOrders } from '@/lib/admin';
import { PRIVATE_NO_STORE } from '@/lib/auth';

const querySchema = z.object({ page: z.coerce.number().int().min(1).max(10_000).default(1) });

/** GET: one account with a page of its orders (`page`). */
export const GET = route<{ id: string }>({ auth: 'admin' }, async ({ req, params }) => {
  const { page } = parseQuery(req, querySchema);
  const user = await getAdminUser(params.id);
  return json(
    { user, orders: await listUserOrders(params.id, page) },
    { headers: PRIVATE_NO_STORE },
  );
});
