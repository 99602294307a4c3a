import { z } from 'zod';
import { json, parseQuery, route } from '@/lib/api/handler';
import { PRIVATE_NO_STORE } from '@/lib/auth';
import { issueDownloadLink } from '@/lib/downloads';
import { requestMeta } from '@/lib/http/request-meta';

// Per-user, and every call hands out (and counts) a fresh link.
export const dynamic = 'force-dynamic';

const querySchema = z.object({ format: z.enum(['json']).optional() });

/**
 * GET: a signed, short-lived link to the build of a library item the caller owns: a 302 to it
 * (browsers and `curl -L` simply follow), or `{ url, expiresAt }` with `?format=json`.
 */
export const GET = route<{ itemId: string }>({ auth: 'user' }, async ({ req, params, user }) => {
  const { format } = parseQuery(req, querySchema);
  const link = await issueDownloadLink({
    userId: user.id,
    itemId: params.itemId,
    ip: requestMeta(req.headers).ip,
  });
  if (format === 'json') {
    return json(
      { url: link.url, expiresAt: link.expiresAt.toISOString() },
      { headers: PRIVATE_NO_STORE },
    );
  }
  return new Response(null, { status: 302, headers: { ...PRIVATE_NO_STORE, location: link.url } });
});
