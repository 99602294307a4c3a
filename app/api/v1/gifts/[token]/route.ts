import { json, route } from '@/lib/api/handler';
import { PRIVATE_NO_STORE } from '@/lib/auth';
import { previewGift } from '@/lib/library';

export const dynamic = 'force-dynamic';

/** Who sent what, before the recipient signs in; an unknown or retired link is a 404. */
export const GET = route<{ token: string }>({ auth: 'none' }, async ({ params }) => {
  return json(await previewGift(params.token), { headers: PRIVATE_NO_STORE });
});
