import { json, parseJson, route } from '@/lib/api/handler';
import { editionUpdateSchema, updateEdition } from '@/lib/admin';
import { PRIVATE_NO_STORE } from '@/lib/auth';

/** PATCH: renames, reprices, reorders, archives or restores an edition, or sets a download's cap. */
export const PATCH = route<{ id: string }>({ auth: 'admin' }, async ({ req, params, actor }) => {
  const patch = await parseJson(req, editionUpdateSchema);
  return json(
    { editions: await updateEdition(actor, params.id, patch) },
    { headers: PRIVATE_NO_STORE },
  );
});
