import { json, parseQuery, route } from '@/lib/api/handler';
import { listAdminUsers, userListQuerySchema } from '@/lib/admin';
import { PRIVATE_NO_STORE } from '@/lib/auth';

/** GET: accounts newest first; `q` searches email and name, `role` and `status` filter. */
export const GET = route({ auth: 'admin' }, async ({ req }) => {
  const query = parseQuery(req, userListQuerySchema);
  return json(await listAdminUsers(query), { headers: PRIVATE_NO_STORE });
});
