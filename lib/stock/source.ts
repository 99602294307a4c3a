import 'server-only';
import { inArray } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { products } from '@/db/schema';
import type { UnitId } from './keys';

/** Units left per unit, as PostgreSQL (the truth) has them now; unknown units are left out. */
export async function stockFromDb(units: readonly UnitId[]): Promise<Map<UnitId, number>> {
  if (!units.length) return new Map();
  const db = await getDb();
  const rows = await db
    .select({ unit: products.id, stock: products.stock })
    .from(products)
    .where(inArray(products.id, [...units]));
  return new Map(rows.map((r) => [r.unit, r.stock]));
}
