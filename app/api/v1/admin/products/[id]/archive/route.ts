import { json, route } from '@/lib/api/handler';
import { archiveProduct } from '@/lib/admin';
import { PRIVATE_NO_STORE } from '@/lib/auth';

/** POST: takes the game off sale (soft delete); 409 when it already is. */
export const POST = route<{ id: string }>({ auth: 'admin' }, async ({ params, actor }) => {
  return json({ product: await archiveProduct(actor, params.id) }, { headers: PRIVATE_NO_STORE });
});
