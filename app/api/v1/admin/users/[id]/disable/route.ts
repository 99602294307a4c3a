import { json, route } from '@/lib/api/handler';
import { disableUserAccount } from '@/lib/admin';
import { PRIVATE_NO_STORE } from '@/lib/auth';

/** POST: disables the account and ends all its sessions at once; an admin cannot disable themself (403). */
export const POST = route<{ id: string }>({ auth: 'admin' }, async ({ params, actor }) => {
  return json({ user: await disableUserAccount(actor, params.id) }, { headers: PRIVATE_NO_STORE });
});
