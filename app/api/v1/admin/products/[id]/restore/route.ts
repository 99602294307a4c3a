import { json, route } from '@/lib/api/handler';
import { restoreProduct } from '@/lib/admin';
import { PRIVATE_NO_STORE } from '@/lib/auth';

/** POST: puts an archived game back on sale; 409 when it is not archived. */
export const POST = route<{ id: string }>({ auth: 'admin' }, async ({ params, actor }) => {
  return json({ product: await restoreProduct(actor, params.id) }, { headers: PRIVATE_NO_STORE });
});
