import { json, route } from '@/lib/api/handler';
import { PRIVATE_NO_STORE } from '@/lib/auth';

/** The smallest admin-only route: 401 for anonymous callers, 403 for customers. */
export const GET = route({ auth: 'admin' }, async ({ user }) => {
  return json({ ok: true, admin: user.email }, { headers: PRIVATE_NO_STORE });
});
