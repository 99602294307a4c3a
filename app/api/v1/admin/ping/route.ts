import { json, route } from '@/lib/api/handler';
import { PRIVATE_NO_STORE, requireAdmin } from '@/lib/auth';

/** The smallest admin-only route: 401 for anonymous callers, 403 for customers. */
export const GET = route(async ({ req }) => {
  const admin = await requireAdmin(req);
  return json({ ok: true, admin: admin.email }, { headers: PRIVATE_NO_STORE });
});
