import { json, parseJson, route } from '@/lib/api/handler';
import { addOrderNote, getAdminOrder, orderNoteSchema, requireAdminActor } from '@/lib/admin';
import { PRIVATE_NO_STORE } from '@/lib/auth';

type Params = { id: string };

/** GET: the order's internal notes, oldest first (shoppers never see them). */
export const GET = route<Params>(async ({ req, params }) => {
  await requireAdminActor(req);
  return json({ notes: (await getAdminOrder(params.id)).notes }, { headers: PRIVATE_NO_STORE });
});

/** POST `{ body }`: adds an internal note. */
export const POST = route<Params>(async ({ req, params }) => {
  const actor = await requireAdminActor(req);
  const { body } = await parseJson(req, orderNoteSchema);
  return json(
    { note: await addOrderNote(actor, params.id, body) },
    { status: 201, headers: PRIVATE_NO_STORE },
  );
});
