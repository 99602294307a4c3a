import { json, route } from '@/lib/api/handler';
import { PRIVATE_NO_STORE } from '@/lib/auth';
import { keyEditionSummary } from '@/lib/vault';

/** GET: the edition and its keys by status, the keys owed to buyers and the low-keys flag. */
export const GET = route<{ id: string }>({ auth: 'admin' }, async ({ params }) => {
  return json(await keyEditionSummary(params.id), { headers: PRIVATE_NO_STORE });
});
