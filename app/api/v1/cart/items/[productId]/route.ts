import { json, parseJson, route } from '@/lib/api/handler';
import { PRIVATE_NO_STORE } from '@/lib/auth';
import { productIdSchema, removeItem, setItemQuantity, setQuantitySchema } from '@/lib/cart';
import { cartOwner } from '@/lib/cart/session';
import { NotFoundError } from '@/lib/errors';
import { assertSameOrigin } from '@/lib/http/same-origin';

type Params = { productId: string };

async function ownerAndProduct(req: Request, raw: string) {
  const productId = productIdSchema.safeParse(raw);
  const resolved = await cartOwner(req, { create: false });
  // Same answer for a bad id, no cart, and someone else's line.
  if (!productId.success || !resolved) throw new NotFoundError('That item is not in your cart.');
  return { owner: resolved.owner, productId: productId.data };
}

export const PATCH = route<Params>(async ({ req, params }) => {
  const { quantity } = await parseJson(req, setQuantitySchema);
  const { owner, productId } = await ownerAndProduct(req, params.productId);
  return json(await setItemQuantity(owner, productId, quantity), { headers: PRIVATE_NO_STORE });
});

export const DELETE = route<Params>(async ({ req, params }) => {
  assertSameOrigin(req);
  const { owner, productId } = await ownerAndProduct(req, params.productId);
  return json(await removeItem(owner, productId), { headers: PRIVATE_NO_STORE });
});
