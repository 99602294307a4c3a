import { json, parseJson, route } from '@/lib/api/handler';
import { adjustStock, listStockAdjustments, stockAdjustmentSchema } from '@/lib/admin';
import { PRIVATE_NO_STORE } from '@/lib/auth';

type Params = { id: string };

/** GET: the latest stock adjustments of a game. */
export const GET = route<Params>({ auth: 'admin' }, async ({ params }) => {
  return json(
    { adjustments: await listStockAdjustments(params.id) },
    { headers: PRIVATE_NO_STORE },
  );
});

/** POST `{ delta, reason }`: adds or removes units; 409 when it would go below zero. */
export const POST = route<Params>({ auth: 'admin' }, async ({ req, params, actor }) => {
  const input = await parseJson(req, stockAdjustmentSchema);
  return json(
    { product: await adjustStock(actor, params.id, input) },
    { headers: PRIVATE_NO_STORE },
  );
});
