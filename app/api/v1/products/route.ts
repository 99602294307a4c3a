import { parseQuery, route } from '@/lib/api/handler';
import { listProductsWithFacets, productQuerySchema } from '@/lib/catalog';
import { CATALOG_CACHE_CONTROL, cachedJsonBody } from '@/lib/catalog/http';

export const dynamic = 'force-dynamic';

/** A page of the catalog (filters, sort, pagination), with the facets a filter form offers. */
export const GET = route(async ({ req }) => {
  const query = parseQuery(req, productQuerySchema);
  const { page, facets } = await listProductsWithFacets(query);
  return new Response(cachedJsonBody(page, 'facets', facets), {
    headers: { 'content-type': 'application/json', 'cache-control': CATALOG_CACHE_CONTROL },
  });
});
