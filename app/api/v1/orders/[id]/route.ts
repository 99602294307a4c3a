import { json, route } from '@/lib/api/handler';
import { PRIVATE_NO_STORE, requireUser } from '@/lib/auth';
import { getOrder } from '@/lib/orders';

// Per-user data: never prerendered or cached.
export const dynamic = 'force-dynamic';

export const GET = route<{ id: string }>(async ({ req, params }) => {
  const user = await requireUser(req);
  return json(await getOrder(user.id, params.id), { headers: PRIVATE_NO_STORE });
});
