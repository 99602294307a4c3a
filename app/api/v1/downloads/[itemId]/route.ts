import { route } from '@/lib/api/handler';
import { serveDownload } from '@/lib/downloads';

// Every answer depends on the signature, the owner and the Range header: never cached or prerendered.
export const dynamic = 'force-dynamic';

type Params = { itemId: string };

/**
 * GET /api/v1/downloads/<itemId>?u=&e=&s=: the build behind a signed link. No session: download
 * managers carry no cookies, and the signature already names the owner and the expiry.
 */
export const GET = route<Params>({ auth: 'none' }, async ({ req, params }) =>
  serveDownload({
    itemId: params.itemId,
    searchParams: req.nextUrl.searchParams,
    headers: req.headers,
    method: 'GET',
  }),
);

/** HEAD: the same status and headers as GET (size, ETag, ranges); the wrapper drops any body. */
export const HEAD = route<Params>({ auth: 'none' }, async ({ req, params }) =>
  serveDownload({
    itemId: params.itemId,
    searchParams: req.nextUrl.searchParams,
    headers: req.headers,
    method: 'HEAD',
  }),
);
