import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb, primaryDb, rowsOf, type DbOrTx } from '@/db/client';
import { keyEdition, type KeyEdition } from './edition';

/** Below this many keys left, the edition is flagged: a supplier takes days to send a new batch. */
export const LOW_KEYS_THRESHOLD = 10;

export type KeyInventory = {
  available: number;
  assigned: number;
  revealed: number;
  revoked: number;
  /** Paid units still waiting for a key because the pool ran dry. */
  owed: number;
  lowKeys: boolean;
};

export type LowKeyEdition = {
  editionId: string;
  productId: string;
  productTitle: string;
  editionName: string;
  sku: string;
  platform: string;
  available: number;
  owed: number;
};

/**
 * Library items of an edition waiting for a key: paid (or fulfilled) orders only, never a refund
 * in progress, nor an item already revoked.
 */
export const owedItemsOf = (editionId: unknown) => sql`
  select li.id, li.order_id from library_items li
  join orders o on o.id = li.order_id
  where li.edition_id = ${editionId} and li.license_key_id is null and li.revoked_at is null
    and o.status in ('paid', 'fulfilled')
`;

/** The counts by status of one edition's keys, read on `db` (a transaction sees its own writes). */
export async function countKeys(db: DbOrTx, editionId: string): Promise<KeyInventory> {
  const [row] = rowsOf<Omit<KeyInventory, 'lowKeys'>>(
    await db.execute(sql`
      select
        count(*) filter (where status = 'available')::int as available,
        count(*) filter (where status = 'assigned')::int as assigned,
        count(*) filter (where status = 'revealed')::int as revealed,
        count(*) filter (where status = 'revoked')::int as revoked,
        (select count(*)::int from (${owedItemsOf(editionId)}) owed) as owed
      from license_keys where edition_id = ${editionId}
    `),
  );
  const counts = row ?? { available: 0, assigned: 0, revealed: 0, revoked: 0, owed: 0 };
  return { ...counts, lowKeys: counts.available < LOW_KEYS_THRESHOLD };
}

/** One key edition's vault figures; 404 for an unknown edition, 409 for a non-key one. */
export async function keyInventory(editionId: string): Promise<KeyInventory> {
  // The primary: an admin who just imported must see the keys they imported.
  const db = await primaryDb();
  await keyEdition(db, editionId);
  return countKeys(db, editionId);
}

/** The edition and its figures together, for the admin page and the summary route. */
export async function keyEditionSummary(
  editionId: string,
): Promise<{ edition: KeyEdition; inventory: KeyInventory }> {
  const db = await primaryDb();
  const edition = await keyEdition(db, editionId);
  return { edition, inventory: await countKeys(db, editionId) };
}

/** Key editions on sale that are running out of keys or owe keys, most urgent first. */
export async function lowKeyEditions(limit = 10): Promise<LowKeyEdition[]> {
  const db = await getDb();
  return rowsOf<LowKeyEdition>(
    await db.execute(sql`
      select * from (
        select e.id as "editionId", p.id as "productId", p.title as "productTitle",
          e.name as "editionName", e.sku, e.platform,
          (select count(*)::int from license_keys k
            where k.edition_id = e.id and k.status = 'available') as available,
          (select count(*)::int from (${owedItemsOf(sql`e.id`)}) owed) as owed
        from editions e join products p on p.id = e.product_id
        where e.delivery = 'key' and e.archived_at is null and p.archived_at is null
      ) figures
      where available < ${LOW_KEYS_THRESHOLD} or owed > 0
      order by owed desc, available, "productTitle", "editionName"
      limit ${Math.max(1, Math.min(limit, 100))}
    `),
  );
}
