import { noContent, route } from '@/lib/api/handler';
import { assertSameOrigin } from '@/lib/http/same-origin';
import { getProduct } from '@/lib/catalog';
import { recordView } from '@/lib/leaderboards';

export const dynamic = 'force-dynamic';

/**
 * Counts one view of a game for the "most viewed" board. Product pages are served from the page
 * cache without rendering, so the browser reports the view; 404 for unknown games.
 */
export const POST = route<{ slug: string }>(async ({ req, params }) => {
  assertSameOrigin(req);
  const product = await getProduct(params.slug);
  recordView(product.id);
  return noContent();
});
