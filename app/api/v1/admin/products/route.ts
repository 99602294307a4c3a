import { json, parseJson, parseQuery, route } from '@/lib/api/handler';
import {
  createProduct,
  listAdminProducts,
  productCreateSchema,
  productListQuerySchema,
} from '@/lib/admin';
import { PRIVATE_NO_STORE } from '@/lib/auth';

/** GET: every game, archived ones included, with search (`q`), `category`, `status`, `stock` filters. */
export const GET = route({ auth: 'admin' }, async ({ req }) => {
  const query = parseQuery(req, productListQuerySchema);
  return json(await listAdminProducts(query), { headers: PRIVATE_NO_STORE });
});

/** POST: creates a game; 400 with field errors for bad input, 409 for a slug in use. */
export const POST = route({ auth: 'admin' }, async ({ req, actor }) => {
  const input = await parseJson(req, productCreateSchema);
  return json(
    { product: await createProduct(actor, input) },
    { status: 201, headers: PRIVATE_NO_STORE },
  );
});
