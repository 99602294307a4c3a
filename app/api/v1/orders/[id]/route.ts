import { json, route } from '@/lib/api/handler';
import { PRIVATE_NO_STORE } from '@/lib/auth';
import { getOrder } from '@/lib/orders';

// Per-user data: never prerendered or cached.
export const dynamic = 'force-dynamic';

export const GET = route<{ id: string }>({ auth: 'user' }, async ({ params, user }) => {
  return json(await getOrder(user.id, params.id), { headers: PRIVATE_NO_STORE });
});
