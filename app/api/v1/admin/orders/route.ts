import { json, parseQuery, route } from '@/lib/api/handler';
import { adminOrderQuerySchema, listAdminOrders } from '@/lib/admin';
import { PRIVATE_NO_STORE } from '@/lib/auth';

/** GET: orders newest first; filters `status`, `from`/`to` (UTC dates), `customer` (email, name or id). */
export const GET = route({ auth: 'admin' }, async ({ req }) => {
  const query = parseQuery(req, adminOrderQuerySchema);
  return json(await listAdminOrders(query), { headers: PRIVATE_NO_STORE });
});
