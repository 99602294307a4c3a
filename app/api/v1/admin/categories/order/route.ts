import { json, parseJson, route } from '@/lib/api/handler';
import { categoryReorderSchema, reorderCategories } from '@/lib/admin';
import { PRIVATE_NO_STORE } from '@/lib/auth';

/** PUT `{ ids: [...] }`: the new shelf order, naming every category exactly once. */
export const PUT = route({ auth: 'admin' }, async ({ req, actor }) => {
  const { ids } = await parseJson(req, categoryReorderSchema);
  return json({ categories: await reorderCategories(actor, ids) }, { headers: PRIVATE_NO_STORE });
});
