import { json, route } from '@/lib/api/handler';
import { listCategories } from '@/lib/catalog';
import { CATALOG_CACHE_CONTROL } from '@/lib/catalog/http';

export const dynamic = 'force-dynamic';

export const GET = route({ auth: 'none' }, async () => {
  const categories = await listCategories();
  return json({ categories }, { headers: { 'cache-control': CATALOG_CACHE_CONTROL } });
});
