import { json, noContent, parseJson, route } from '@/lib/api/handler';
import { categoryUpdateSchema, deleteCategory, updateCategory } from '@/lib/admin';
import { PRIVATE_NO_STORE } from '@/lib/auth';

type Params = { id: string };

/** PATCH `{ name?, slug?, description? }`: renames or re-describes a category. */
export const PATCH = route<Params>({ auth: 'admin' }, async ({ req, params, actor }) => {
  const patch = await parseJson(req, categoryUpdateSchema);
  return json(
    { category: await updateCategory(actor, params.id, patch) },
    { headers: PRIVATE_NO_STORE },
  );
});

/** DELETE: 204, or 409 while any game (archived too) uses the category. */
export const DELETE = route<Params>({ auth: 'admin' }, async ({ params, actor }) => {
  await deleteCategory(actor, params.id);
  return noContent();
});
