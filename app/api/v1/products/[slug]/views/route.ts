import { noContent, route } from '@/lib/api/handler';
import { requestMeta } from '@/lib/http/request-meta';
import { getProduct } from '@/lib/catalog';
import { countView } from '@/lib/leaderboards';

export const dynamic = 'force-dynamic';

/**
 * Counts one view of a game for the "most viewed" board. Product pages are served from the page
 * cache without rendering, so the browser reports the view; 404 for unknown games. Reports past
 * the per-address limits answer 204 too but are not counted (see countView).
 */
export const POST = route<{ slug: string }>({ auth: 'none' }, async ({ req, params }) => {
  const product = await getProduct(params.slug);
  await countView(product.id, requestMeta(req.headers).ip);
  return noContent();
});
