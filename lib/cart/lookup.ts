import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { products } from '@/db/schema';

/** For `/cart?add=<slug>` links from listings: the id of a game still on sale, or null. */
export async function productIdForSlug(slug: string): Promise<string | null> {
  if (!/^[a-z0-9-]{1,200}$/.test(slug)) return null;
  const db = await getDb();
  const [row] = await db
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.slug, slug), isNull(products.archivedAt)))
    .limit(1);
  return row?.id ?? null;
}
