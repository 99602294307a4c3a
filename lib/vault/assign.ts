import 'server-only';
import { and, inArray, isNull, sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/db/client';
import { libraryItems } from '@/db/schema';

/** One unit of a key edition an order paid for, as its library item records it. */
export type KeyLine = { libraryItemId: string; editionId: string };

/** A key handed to a library item of an order. */
export type Handover = { licenseKeyId: string; libraryItemId: string; orderId: string };

/**
 * Takes up to `count` available keys of an edition and locks them for this transaction. SKIP
 * LOCKED: concurrent payments each take other keys instead of queueing on the same rows, and a
 * key locked by one of them can never be taken by another.
 */
async function takeAvailableKeys(tx: Tx, editionId: string, count: number): Promise<string[]> {
  const rows = rowsOf<{ id: string }>(
    await tx.execute(sql`
      select id from license_keys
      where edition_id = ${editionId} and status = 'available'
      order by created_at, id
      limit ${count}
      for update skip locked
    `),
  );
  return rows.map((r) => r.id);
}

/** Marks keys assigned to their orders and links each to its library item, in two statements. */
export async function handOverKeys(tx: Tx, handovers: readonly Handover[]): Promise<void> {
  if (!handovers.length) return;
  const keyRows = sql.join(
    handovers.map((h) => sql`(${h.licenseKeyId}::uuid, ${h.orderId}::uuid)`),
    sql`, `,
  );
  await tx.execute(sql`
    update license_keys k
    set status = 'assigned', order_id = v.order_id, assigned_at = now()
    from (values ${keyRows}) as v(key_id, order_id)
    where k.id = v.key_id
  `);
  const itemRows = sql.join(
    handovers.map((h) => sql`(${h.libraryItemId}::uuid, ${h.licenseKeyId}::uuid)`),
    sql`, `,
  );
  await tx.execute(sql`
    update library_items li
    set license_key_id = v.key_id
    from (values ${itemRows}) as v(item_id, key_id)
    where li.id = v.item_id
  `);
}

/**
 * Gives each line one available key of its edition, inside the caller's payment transaction:
 * call it only once the order is paid (a key never goes to an unpaid order). Lines it cannot
 * serve stay owed (no key on the library item) and the next import of that edition serves them.
 * Lines whose item already has a key are left alone, so a replayed payment takes nothing twice.
 * Stock does not move: the units were taken from stock when the order was placed.
 *
 * Returns libraryItemId → licenseKeyId for the lines served now.
 */
export async function assignKeys(
  tx: Tx,
  lines: readonly KeyLine[],
  orderId: string,
): Promise<Map<string, string>> {
  const served = new Map<string, string>();
  if (!lines.length) return served;
  const waiting = await tx
    .select({ id: libraryItems.id })
    .from(libraryItems)
    .where(
      and(
        inArray(
          libraryItems.id,
          lines.map((l) => l.libraryItemId),
        ),
        isNull(libraryItems.licenseKeyId),
        isNull(libraryItems.revokedAt),
      ),
    )
    .for('update');
  const open = new Set(waiting.map((w) => w.id));
  const byEdition = new Map<string, string[]>();
  for (const line of lines) {
    if (!open.has(line.libraryItemId)) continue;
    open.delete(line.libraryItemId);
    byEdition.set(line.editionId, [...(byEdition.get(line.editionId) ?? []), line.libraryItemId]);
  }
  const handovers: Handover[] = [];
  // Editions in a fixed order: two orders for the same editions lock key rows in the same order.
  for (const [editionId, items] of [...byEdition].sort(([a], [b]) => a.localeCompare(b))) {
    const keys = await takeAvailableKeys(tx, editionId, items.length);
    keys.forEach((licenseKeyId, i) => {
      handovers.push({ licenseKeyId, libraryItemId: items[i]!, orderId });
      served.set(items[i]!, licenseKeyId);
    });
  }
  await handOverKeys(tx, handovers);
  return served;
}
