import { json, noContent, parseJson, route } from '@/lib/api/handler';
import {
  categoryUpdateSchema,
  deleteCategory,
  requireAdminActor,
  updateCategory,
} from '@/lib/admin';
import { PRIVATE_NO_STORE } from '@/lib/auth';
import { assertSameOrigin } from '@/lib/http/same-origin';

type Params = { id: string };

/** PATCH `{ name?, slug?, description? }`: renames or re-describes a category. */
export const PATCH = route<Params>(async ({ req, params }) => {
  const actor = await requireAdminActor(req);
  const patch = await parseJson(req, categoryUpdateSchema);
  return json(
    { category: await updateCategory(actor, params.id, patch) },
    { headers: PRIVATE_NO_STORE },
  );
});

/** DELETE: 204, or 409 while any game (archived too) uses the category. */
export const DELETE = route<Params>(async ({ req, params }) => {
  const actor = await requireAdminActor(req);
  assertSameOrigin(req);
  await deleteCategory(actor, params.id);
  return noContent();
});
