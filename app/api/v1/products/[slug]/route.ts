import { route } from '@/lib/api/handler';
import { getProduct } from '@/lib/catalog';
import { catalogJson } from '@/lib/catalog/http';
import { recordView } from '@/lib/leaderboards';

export const dynamic = 'force-dynamic';

/** One game with images, specs and category; 404 when unknown or no longer on sale. */
export const GET = route<{ slug: string }>({ auth: 'none' }, async ({ params }) => {
  const product = await getProduct(params.slug);
  recordView(product.id);
  return catalogJson(product, () => product);
});
