import { json, parseJson, route } from '@/lib/api/handler';
import { categoryCreateSchema, createCategory, listAdminCategories } from '@/lib/admin';
import { PRIVATE_NO_STORE } from '@/lib/auth';

/** GET: every category in shelf order, with its number of games. */
export const GET = route({ auth: 'admin' }, async () => {
  return json({ categories: await listAdminCategories() }, { headers: PRIVATE_NO_STORE });
});

/** POST `{ name, slug?, description? }`: adds a category at the end of the shelf. */
export const POST = route({ auth: 'admin' }, async ({ req, actor }) => {
  const input = await parseJson(req, categoryCreateSchema);
  return json(
    { category: await createCategory(actor, input) },
    { status: 201, headers: PRIVATE_NO_STORE },
  );
});
