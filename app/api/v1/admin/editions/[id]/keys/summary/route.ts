import { json, route } from '@/lib/api/handler';
import { requireAdminActor } from '@/lib/admin';
import { PRIVATE_NO_STORE } from '@/lib/auth';
import { keyEditionSummary } from '@/lib/vault';

/** GET: the edition and its keys by status, the keys owed to buyers and the low-keys flag. */
export const GET = route<{ id: string }>(async ({ req, params }) => {
  await requireAdminActor(req);
  return json(await keyEditionSummary(params.id), { headers: PRIVATE_NO_STORE });
});
