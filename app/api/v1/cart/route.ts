import { json, route } from '@/lib/api/handler';
import { PRIVATE_NO_STORE } from '@/lib/auth';
import { clearCart, EMPTY_CART, getCart } from '@/lib/cart';
import { cartOwner } from '@/lib/cart/session';

// Per-user data: never prerendered or cached.
export const dynamic = 'force-dynamic';

/** The caller's cart (account or guest cookie); a visitor without either has an empty one. */
export const GET = route({ auth: 'optional' }, async ({ req, user }) => {
  const resolved = await cartOwner(req, user, { create: false });
  return json(resolved ? await getCart(resolved.owner) : EMPTY_CART, { headers: PRIVATE_NO_STORE });
});

export const DELETE = route({ auth: 'optional' }, async ({ req, user }) => {
  const resolved = await cartOwner(req, user, { create: false });
  return json(resolved ? await clearCart(resolved.owner) : EMPTY_CART, {
    headers: PRIVATE_NO_STORE,
  });
});
