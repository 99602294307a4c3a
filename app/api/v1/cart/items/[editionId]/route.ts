import { json, parseJson, route } from '@/lib/api/handler';
import { PRIVATE_NO_STORE } from '@/lib/auth';
import { editionIdSchema, removeItem, setItemQuantity, setQuantitySchema } from '@/lib/cart';
import { cartOwner } from '@/lib/cart/session';
import type { SessionUser } from '@/lib/auth';
import { NotFoundError } from '@/lib/errors';

type Params = { editionId: string };

async function ownerAndEdition(req: Request, user: SessionUser | null, raw: string) {
  const editionId = editionIdSchema.safeParse(raw);
  const resolved = await cartOwner(req, user, { create: false });
  // Same answer for a bad id, no cart, and someone else's line.
  if (!editionId.success || !resolved) throw new NotFoundError('That item is not in your cart.');
  return { owner: resolved.owner, editionId: editionId.data };
}

export const PATCH = route<Params>({ auth: 'optional' }, async ({ req, params, user }) => {
  const { quantity } = await parseJson(req, setQuantitySchema);
  const { owner, editionId } = await ownerAndEdition(req, user, params.editionId);
  return json(await setItemQuantity(owner, editionId, quantity), { headers: PRIVATE_NO_STORE });
});

export const DELETE = route<Params>({ auth: 'optional' }, async ({ req, params, user }) => {
  const { owner, editionId } = await ownerAndEdition(req, user, params.editionId);
  return json(await removeItem(owner, editionId), { headers: PRIVATE_NO_STORE });
});
