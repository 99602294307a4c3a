import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/db/client';
import type { StockMove } from '@/lib/stock';

/**
 * Takes back an order's keys inside its refund or cancellation transaction: all of them, or only
 * those of some of its library items (a refund of part of a line). A key nobody has seen goes
 * back on sale (the edition's stock grows by one); a revealed key may already be in use, so it is
 * revoked instead, never sold again. Items still owed a key need nothing: once revoked (or the
 * order no longer paid), no import serves them. Returns the stock moves for the caller to announce
 * with `stockMoved('released', …)` after commit; the caller must not release these units itself.
 * The caller holds the order row and has locked the order's editions (lockEditions*): the edition
 * updates below then take no lock after the keys' (db/locks.ts).
 */
export async function revokeOrderKeys(
  tx: Tx,
  orderId: string,
  libraryItemIds?: readonly string[],
): Promise<StockMove[]> {
  if (libraryItemIds && !libraryItemIds.length) return [];
  const ofItems = libraryItemIds
    ? sql`and id in (select license_key_id from library_items where order_id = ${orderId} and id in (${sql.join(
        libraryItemIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}))`
    : sql``;
  const returned = rowsOf<{ id: string; edition_id: string }>(
    await tx.execute(sql`
      update license_keys
      set status = 'available', order_id = null, assigned_at = null
      where order_id = ${orderId} and status = 'assigned' ${ofItems}
      returning id, edition_id
    `),
  );
  await tx.execute(sql`
    update license_keys set status = 'revoked', revoked_at = now()
    where order_id = ${orderId} and status = 'revealed' ${ofItems}
  `);
  if (!returned.length) return [];
  await tx.execute(sql`
    update library_items set license_key_id = null
    where order_id = ${orderId} and license_key_id in (${sql.join(
      returned.map((r) => sql`${r.id}::uuid`),
      sql`, `,
    )})
  `);
  const perEdition = new Map<string, number>();
  for (const r of returned) perEdition.set(r.edition_id, (perEdition.get(r.edition_id) ?? 0) + 1);
  const moves: StockMove[] = [];
  for (const [editionId, count] of [...perEdition].sort(([a], [b]) => a.localeCompare(b))) {
    const [row] = rowsOf<{ stock: number; product_id: string }>(
      await tx.execute(sql`
        update editions set stock = coalesce(stock, 0) + ${count}, updated_at = now()
        where id = ${editionId}
        returning stock, product_id
      `),
    );
    if (!row) continue;
    await tx.execute(sql`
      insert into stock_adjustments (product_id, edition_id, delta, reason)
      values (${row.product_id}, ${editionId}, ${count}, 'keys_returned')
    `);
    moves.push({ unit: editionId, delta: count, stockAfter: row.stock });
  }
  return moves;
}
