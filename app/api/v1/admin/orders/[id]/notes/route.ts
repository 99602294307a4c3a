import { json, parseJson, route } from '@/lib/api/handler';
import { addOrderNote, getAdminOrder, orderNoteSchema } from '@/lib/admin';
import { PRIVATE_NO_STORE } from '@/lib/auth';

type Params = { id: string };

/** GET: the order's internal notes, oldest first (shoppers never see them). */
export const GET = route<Params>({ auth: 'admin' }, async ({ params }) => {
  return json({ notes: (await getAdminOrder(params.id)).notes }, { headers: PRIVATE_NO_STORE });
});

/** POST `{ body }`: adds an internal note. */
export const POST = route<Params>({ auth: 'admin' }, async ({ req, params, actor }) => {
  const { body } = await parseJson(req, orderNoteSchema);
  return json(
    { note: await addOrderNote(actor, params.id, body) },
    { status: 201, headers: PRIVATE_NO_STORE },
  );
});
