import { json, route } from '@/lib/api/handler';
import { PRIVATE_NO_STORE } from '@/lib/auth';
import { requestMeta } from '@/lib/http/request-meta';
import { revealKey } from '@/lib/vault';

/**
 * POST: the licence key of a library item the caller owns (every reveal is logged). 404 for
 * anyone else's item, 409 while the key is on its way, 429 past the reveal limit. Never cached.
 */
export const POST = route<{ itemId: string }>({ auth: 'user' }, async ({ req, params, user }) => {
  const { ip, userAgent } = requestMeta(req.headers);
  const revealed = await revealKey({
    userId: user.id,
    libraryItemId: params.itemId,
    ip,
    userAgent,
  });
  return json(
    { ...revealed, revealedAt: revealed.revealedAt.toISOString() },
    { headers: PRIVATE_NO_STORE },
  );
});
