import { json, route } from '@/lib/api/handler';
import { PRIVATE_NO_STORE, publicUser } from '@/lib/auth';

/** Served from the live session copy in Redis: no database query while the session is warm. */
export const GET = route({ auth: 'user' }, async ({ user }) => {
  return json(publicUser(user), { headers: PRIVATE_NO_STORE });
});
