import { json, parseJson, route } from '@/lib/api/handler';
import { createEdition, editionCreateSchema, getAdminProduct } from '@/lib/admin';
import { PRIVATE_NO_STORE } from '@/lib/auth';

type Params = { id: string };

/** GET: the game's editions, with key counts for key editions. */
export const GET = route<Params>({ auth: 'admin' }, async ({ params }) => {
  return json(
    { editions: (await getAdminProduct(params.id)).editions },
    { headers: PRIVATE_NO_STORE },
  );
});

/** POST: adds an edition (a platform, a delivery kind, a price; a box's opening units). */
export const POST = route<Params>({ auth: 'admin' }, async ({ req, params, actor }) => {
  const input = await parseJson(req, editionCreateSchema);
  return json(
    { editions: await createEdition(actor, params.id, input) },
    { status: 201, headers: PRIVATE_NO_STORE },
  );
});
