import { json, route } from '@/lib/api/handler';
import { PRIVATE_NO_STORE } from '@/lib/auth';
import { listLibrary } from '@/lib/library';

export const dynamic = 'force-dynamic';

/** Every game the caller owns: edition, platform, key state, download readiness, order. */
export const GET = route({ auth: 'user' }, async ({ user }) => {
  return json({ items: await listLibrary(user.id) }, { headers: PRIVATE_NO_STORE });
});
