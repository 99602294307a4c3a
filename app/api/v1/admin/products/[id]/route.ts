import { json, parseJson, route } from '@/lib/api/handler';
import { getAdminProduct, productUpdateSchema, updateProduct } from '@/lib/admin';
import { PRIVATE_NO_STORE } from '@/lib/auth';

type Params = { id: string };

export const GET = route<Params>({ auth: 'admin' }, async ({ params }) => {
  return json({ product: await getAdminProduct(params.id) }, { headers: PRIVATE_NO_STORE });
});

/** PATCH: changes the fields it names (stock moves only through /stock). */
export const PATCH = route<Params>({ auth: 'admin' }, async ({ req, params, actor }) => {
  const patch = await parseJson(req, productUpdateSchema);
  return json(
    { product: await updateProduct(actor, params.id, patch) },
    { headers: PRIVATE_NO_STORE },
  );
});
