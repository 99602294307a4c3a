import { json, parseJson, route } from '@/lib/api/handler';
import { changeUserRole, roleChangeSchema } from '@/lib/admin';
import { PRIVATE_NO_STORE } from '@/lib/auth';

/** PUT `{ role }`: makes a user an admin or a customer; an admin cannot demote themself (403). */
export const PUT = route<{ id: string }>({ auth: 'admin' }, async ({ req, params, actor }) => {
  const { role } = await parseJson(req, roleChangeSchema);
  return json(
    { user: await changeUserRole(actor, params.id, role) },
    { headers: PRIVATE_NO_STORE },
  );
});
