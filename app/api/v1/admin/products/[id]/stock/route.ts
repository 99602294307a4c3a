import { json, parseJson, route } from '@/lib/api/handler';
import {
  adjustStock,
  listStockAdjustments,
  requireAdminActor,
  stockAdjustmentSchema,
} from '@/lib/admin';
import { PRIVATE_NO_STORE } from '@/lib/auth';

type Params = { id: string };

/** GET: the latest stock adjustments of a game. */
export const GET = route<Params>(async ({ req, params }) => {
  await requireAdminActor(req);
  return json(
    { adjustments: await listStockAdjustments(params.id) },
    { headers: PRIVATE_NO_STORE },
  );
});

/** POST `{ delta, reason }`: adds or removes units; 409 when it would go below zero. */
export const POST = route<Params>(async ({ req, params }) => {
  const actor = await requireAdminActor(req);
  const input = await parseJson(req, stockAdjustmentSchema);
  return json(
    { product: await adjustStock(actor, params.id, input) },
    { headers: PRIVATE_NO_STORE },
  );
});
