import { parseQuery, route } from '@/lib/api/handler';
import { listProductsWithFacets, productQuerySchema } from '@/lib/catalog';
import { catalogJson } from '@/lib/catalog/http';

export const dynamic = 'force-dynamic';

/** A page of the catalog (filters, sort, pagination), with the facets a filter form offers. */
export const GET = route({ auth: 'none' }, async ({ req }) => {
  const query = parseQuery(req, productQuerySchema);
  const { page, facets } = await listProductsWithFacets(query);
  return catalogJson(page, () => ({ ...page, facets }), { variant: facets });
});
