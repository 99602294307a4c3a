import 'server-only';
import { and, inArray, isNotNull } from 'drizzle-orm';
import { primaryDb, type DbOrTx } from '@/db/client';
import { editions } from '@/db/schema';
import type { UnitId } from './keys';

/**
 * Units left per edition, as PostgreSQL (the truth) has them now; unknown units are left out. Read
 * from the primary (a lagging replica would rebuild a counter from stale stock), or through `db`
 * when the caller holds a transaction: a second connection from the pool there could wait on a
 * pool its own transactions fill.
 */
export async function stockFromDb(
  units: readonly UnitId[],
  db?: DbOrTx,
): Promise<Map<UnitId, number>> {
  if (!units.length) return new Map();
  const reader = db ?? (await primaryDb());
  const rows = await reader
    .select({ unit: editions.id, stock: editions.stock })
    .from(editions)
    // An edition that never runs out has no count, so no counter either.
    .where(and(inArray(editions.id, [...units]), isNotNull(editions.stock)));
  return new Map(rows.map((r) => [r.unit, r.stock ?? 0]));
}
