import { json, parseJson, route } from '@/lib/api/handler';
import { PRIVATE_NO_STORE } from '@/lib/auth';
import { addItem, addItemSchema, resolveEdition } from '@/lib/cart';
import { cartOwner, withGuestCookie } from '@/lib/cart/session';

/** Adds to the caller's cart; a guest's first add starts a guest cart (signed cookie). */
export const POST = route({ auth: 'optional' }, async ({ req, user }) => {
  const { quantity, ...ref } = await parseJson(req, addItemSchema);
  const editionId = await resolveEdition(ref);
  const resolved = await cartOwner(req, user, { create: true });
  const cart = await addItem(resolved.owner, editionId, quantity);
  return withGuestCookie(json(cart, { status: 201, headers: PRIVATE_NO_STORE }), resolved);
});
