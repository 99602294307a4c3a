import { json, route } from '@/lib/api/handler';
import { enableUserAccount } from '@/lib/admin';
import { PRIVATE_NO_STORE } from '@/lib/auth';

/** POST: lets a disabled user sign in again. */
export const POST = route<{ id: string }>({ auth: 'admin' }, async ({ params, actor }) => {
  return json({ user: await enableUserAccount(actor, params.id) }, { headers: PRIVATE_NO_STORE });
});
