import 'server-only';
import { sql } from 'drizzle-orm';
import type { Tx } from './client';

/*
 * THE LOCK ORDER. Every transaction that locks rows of more than one kind takes them in this
 * order; it may skip a level, never go back to an earlier one. Two transactions that follow it
 * can wait on each other, never in a cycle, so PostgreSQL has no deadlock to break. (Seen before
 * it was written down: checkout locked the cart row then deleted its lines while a cart write
 * held a line then waited for the cart row; a cancellation's `update editions … from
 * order_items` locked editions in whatever order the join produced while checkout locked them
 * in id order.)
 *
 *  1. idempotency_keys: the Idempotency-Key claim, first statement of placeOrder.
 *  2. carts, FOR UPDATE: the cart row is the mutex of its lines. Every cart write
 *     (lib/cart/cart.ts) and checkout take it before reading or writing cart_items. A guest
 *     cart before the account's cart (mergeGuestCart).
 *  3. orders, FOR NO KEY UPDATE (lockOrder; expiry many at once, SKIP LOCKED). A new order is
 *     inserted at this level. Rows that belong to one order (payments, refunds, gifts,
 *     order_events, its library items) are locked only by a transaction holding that order.
 *  4. products, FOR NO KEY UPDATE (admin edits): before the product's editions.
 *  5. editions, FOR NO KEY UPDATE, IN ID ORDER: the stock rows. Either one conditional update
 *     per edition in id order (checkout), or lockEditions* below before any set-based update
 *     (`update editions … from order_items` has no row order); later updates of rows already
 *     held take no new lock. A key import locks its edition here, before its keys.
 *  6. license_keys: taken with SKIP LOCKED (assignment), or the order's own keys (revocation),
 *     or rows just inserted (import).
 *  7. library_items.
 *  8. jobs: outbox rows inserted last (their dedupe keys may wait on another transaction).
 *
 * Rows that are updated but never deleted are locked FOR NO KEY UPDATE, not FOR UPDATE: every
 * insert of a child row (order_items, cart_items, stock_adjustments, library_items…) takes FOR
 * KEY SHARE on its parents through the foreign key, which FOR UPDATE blocks and FOR NO KEY
 * UPDATE does not. The carts row is the exception: only its lock holder inserts its lines.
 *
 * Transactions run through `transaction()` (db/client.ts), which retries a deadlock or
 * serialization failure a few times: a safety net for what this order does not cover (admin
 * tables outside the shop's paths), not a licence to ignore it.
 */

/** Locks editions (level 5) in id order; rows already held are no-ops. */
export async function lockEditions(tx: Tx, editionIds: readonly string[]): Promise<void> {
  if (!editionIds.length) return;
  const ids = sql.join(
    [...new Set(editionIds)].map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  await tx.execute(sql`select id from editions where id in (${ids}) order by id for no key update`);
}

/** Locks every edition some of these orders sold (level 5), in id order. */
export async function lockEditionsOfOrders(tx: Tx, orderIds: readonly string[]): Promise<void> {
  if (!orderIds.length) return;
  const ids = sql.join(
    orderIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  await tx.execute(sql`
    select id from editions
    where id in (select edition_id from order_items where order_id in (${ids}))
    order by id
    for no key update
  `);
}

/** Locks every edition of a game (level 5), in id order: for writes to several of them. */
export async function lockEditionsOfProduct(tx: Tx, productId: string): Promise<void> {
  await tx.execute(
    sql`select id from editions where product_id = ${productId} order by id for no key update`,
  );
}
