import type { NextRequest } from 'next/server';
import { route, type RouteContext } from '@/lib/api/handler';
import { serveDownload } from '@/lib/downloads';

// Every answer depends on the signature, the owner and the Range header: never cached or prerendered.
export const dynamic = 'force-dynamic';

type Params = { itemId: string };

/**
 * GET /api/v1/downloads/<itemId>?u=&e=&s=: the build behind a signed link. No session: download
 * managers carry no cookies, and the signature already names the owner and the expiry.
 */
export const GET = route<Params>(async ({ req, params }) =>
  serveDownload({
    itemId: params.itemId,
    searchParams: req.nextUrl.searchParams,
    headers: req.headers,
    method: 'GET',
  }),
);

const headRoute = route<Params>(async ({ req, params }) =>
  serveDownload({
    itemId: params.itemId,
    searchParams: req.nextUrl.searchParams,
    headers: req.headers,
    method: 'HEAD',
  }),
);

/** HEAD: the same status and headers as GET (size, ETag, ranges), and never a body, errors included. */
export async function HEAD(req: NextRequest, ctx: RouteContext<Params>): Promise<Response> {
  const res = await headRoute(req, ctx);
  return new Response(null, { status: res.status, headers: res.headers });
}
