import 'server-only';
import { and, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import { getDb, rowsOf, type Tx } from '@/db/client';
import { gifts, orderEvents, orders, payments, refunds, stockAdjustments } from '@/db/schema';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { enqueueMany } from '@/lib/jobs/queue';
import { log } from '@/lib/log';
import { simulatedProvider } from '@/lib/payments/simulated';
import type { PaymentProvider } from '@/lib/payments/provider';
import { stockMoved, type StockMove } from '@/lib/stock';
import { deliverOrder, revokeLibraryItems } from '@/lib/library/deliver';
import { revokeOrderKeys } from '@/lib/vault/revoke';
import { isOrderId, loadOrderDetail } from './queries';
import { transition, type OrderEvent, type OrderStatus } from './state-machine';
import type { OrderDetail } from './types';

type OrderRow = typeof orders.$inferSelect;

const STAMP: Partial<Record<OrderStatus, keyof OrderRow>> = {
  paid: 'paidAt',
  fulfilled: 'fulfilledAt',
  cancelled: 'cancelledAt',
  refunded: 'refundedAt',
};

export async function lockOrder(tx: Tx, orderId: string, userId?: string): Promise<OrderRow> {
  if (!isOrderId(orderId)) throw new NotFoundError('Order not found.');
  const where = userId ? and(eq(orders.id, orderId), eq(orders.userId, userId)) : eq(orders.id, orderId);
  const [order] = await tx.select().from(orders).where(where).for('update');
  if (!order) throw new NotFoundError('Order not found.');
  return order;
}

/** Moves a locked order along the state machine and writes the timeline; an illegal move is a 409. */
export async function applyEvent(
  tx: Tx,
  order: OrderRow,
  event: OrderEvent,
  meta: { actorId?: string | null; note?: string } = {},
): Promise<OrderStatus> {
  const t = transition(order.status, event);
  if (!t.ok) throw new ConflictError(t.reason);
  const now = new Date();
  const stamp = STAMP[t.to];
  await tx
    .update(orders)
    .set({ status: t.to, updatedAt: now, ...(stamp ? { [stamp]: now } : {}) })
    .where(eq(orders.id, order.id));
  await tx.insert(orderEvents).values({
    orderId: order.id,
    fromStatus: order.status,
    toStatus: t.to,
    actorId: meta.actorId ?? null,
    note: meta.note ?? null,
  });
  order.status = t.to;
  if (stamp) Object.assign(order, { [stamp]: now });
  return t.to;
}

/**
 * Puts what an order took back where it came from; returns the moves, for
 * `stockMoved('released', …)` once the transaction commits.
 * - Before payment nothing was handed over: every counted unit returns (keys were only promised).
 * - After payment the order's games leave the libraries they reached; keys go through the vault
 *   (an unrevealed key returns to the pool, a revealed one is revoked); a capped download's copy
 *   returns; a box returns only if it was not shipped.
 */
export async function releaseStock(tx: Tx, order: Pick<OrderRow, 'id' | 'paidAt' | 'fulfilledAt'>, reason: string): Promise<StockMove[]> {
  const paid = order.paidAt !== null;
  const shipped = order.fulfilledAt !== null;
  const rows = rowsOf<{ edition_id: string; product_id: string; quantity: number; stock: number }>(
    await tx.execute(sql`
      update editions e set stock = e.stock + oi.quantity, updated_at = now()
      from order_items oi
      where oi.order_id = ${order.id} and e.id = oi.edition_id and e.stock is not null
        and (${!paid} or oi.delivery = 'download' or (oi.delivery = 'physical' and ${!shipped}))
      returning e.id as edition_id, e.product_id, oi.quantity, e.stock
    `),
  );
  if (rows.length) {
    await tx.insert(stockAdjustments).values(
      rows.map((r) => ({ productId: r.product_id, editionId: r.edition_id, delta: r.quantity, reason })),
    );
  }
  const moves = rows.map((r) => ({ unit: r.edition_id, delta: r.quantity, stockAfter: r.stock }));
  if (paid) {
    moves.push(...(await revokeOrderKeys(tx, order.id)));
    await revokeLibraryItems(tx, [order.id]);
  }
  return moves;
}

/** Refunds what was captured for an order through its provider, once. */
export async function refundCaptured(tx: Tx, orderId: string, reason: string, provider: PaymentProvider = simulatedProvider) {
  const captured = await tx
    .select()
    .from(payments)
    .where(and(eq(payments.orderId, orderId), eq(payments.status, 'succeeded')))
    .for('update');
  for (const p of captured) {
    const { refundId } = await provider.refund({ intentId: p.intentId, amountCents: p.amountCents, reason });
    await tx.insert(refunds).values({ paymentId: p.id, orderId, amountCents: p.amountCents, providerRefundId: refundId, reason });
    await tx.update(payments).set({ status: 'refunded', updatedAt: new Date() }).where(eq(payments.id, p.id));
  }
  return captured.length;
}

async function voidOpenIntents(tx: Tx, orderId: string): Promise<void> {
  await tx
    .update(payments)
    .set({ status: 'cancelled', updatedAt: new Date() })
    .where(and(eq(payments.orderId, orderId), inArray(payments.status, ['requires_action', 'failed'])));
}

async function detail(tx: Tx, orderId: string): Promise<OrderDetail> {
  const d = await loadOrderDetail(tx, orderId);
  if (!d) throw new NotFoundError('Order not found.');
  return d;
}

/** A shopper cancels before fulfilment: stock returns, and a paid order is refunded. */
export async function cancelOrder(userId: string, orderId: string): Promise<OrderDetail> {
  const db = await getDb();
  const result = await db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId, userId);
    const wasPaid = order.status === 'paid';
    await applyEvent(tx, order, 'cancel', { actorId: userId, note: wasPaid ? 'Cancelled and refunded' : 'Cancelled' });
    const moves = await releaseStock(tx, order, 'order_cancelled');
    if (wasPaid) {
      await refundCaptured(tx, orderId, 'Cancelled by the shopper');
      await tx.update(orders).set({ refundedAt: new Date() }).where(eq(orders.id, orderId));
    } else {
      await voidOpenIntents(tx, orderId);
    }
    return { moves, detail: await detail(tx, orderId) };
  });
  await stockMoved('released', result.moves);
  return result.detail;
}

export async function requestRefund(userId: string, orderId: string, reason = ''): Promise<OrderDetail> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId, userId);
    await applyEvent(tx, order, 'request_refund', { actorId: userId, note: reason ? `Refund requested: ${reason}` : 'Refund requested' });
    return detail(tx, orderId);
  });
}

/** Staff approve a requested refund: money goes back through the provider; unshipped units return to stock. */
export async function approveRefund(orderId: string, actorId: string | null): Promise<OrderDetail> {
  const db = await getDb();
  const result = await db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    await applyEvent(tx, order, 'refund', { actorId, note: 'Refund approved' });
    await refundCaptured(tx, orderId, 'Refund approved');
    const moves = await releaseStock(tx, order, 'order_refunded');
    return { moves, detail: await detail(tx, orderId) };
  });
  await stockMoved('released', result.moves);
  return result.detail;
}

/**
 * The sender takes back a gift nobody claimed: nothing of it was used, so no staff decision is
 * needed. Its money returns, its keys go back to the vault and its claim link stops working.
 */
export async function refundUnclaimedGift(userId: string, orderId: string): Promise<OrderDetail> {
  const db = await getDb();
  const result = await db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId, userId);
    const [gift] = await tx.select().from(gifts).where(eq(gifts.orderId, orderId)).for('update');
    if (!gift) throw new NotFoundError('Gift not found.');
    if (gift.claimedAt) throw new ConflictError('Your friend already claimed this gift: ask for a refund from the order instead.');
    await applyEvent(tx, order, 'request_refund', { actorId: userId, note: 'Unclaimed gift taken back' });
    await applyEvent(tx, order, 'refund', { actorId: userId, note: 'Unclaimed gift refunded' });
    await refundCaptured(tx, orderId, 'Unclaimed gift refunded');
    const moves = await releaseStock(tx, order, 'gift_refunded');
    return { moves, detail: await detail(tx, orderId) };
  });
  await stockMoved('released', result.moves);
  return result.detail;
}

export async function fulfilOrder(orderId: string, actorId: string | null): Promise<OrderDetail> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    await applyEvent(tx, order, 'fulfil', { actorId, note: 'Shipped' });
    return detail(tx, orderId);
  });
}

/**
 * Cancels unpaid orders past their expiry and releases their stock. Rows another sweeper holds
 * are skipped, and the status check makes a repeated sweep a no-op.
 */
export async function expireDueOrders(now = new Date(), batch = 100): Promise<number> {
  const db = await getDb();
  let total = 0;
  for (;;) {
    const { expired, moves } = await db.transaction(async (tx) => {
      const due = await tx
        .select()
        .from(orders)
        .where(and(eq(orders.status, 'pending_payment'), isNotNull(orders.expiresAt), lte(orders.expiresAt, now)))
        .limit(batch)
        .for('update', { skipLocked: true });
      const moves: StockMove[] = [];
      for (const order of due) {
        await applyEvent(tx, order, 'expire', { note: 'Not paid in time; stock released' });
        moves.push(...(await releaseStock(tx, order, 'order_expired')));
        await voidOpenIntents(tx, order.id);
      }
      return { expired: due.length, moves };
    });
    total += expired;
    await stockMoved('released', moves);
    if (expired < batch) break;
  }
  if (total) log.info({ expired: total }, 'expired unpaid orders');
  return total;
}

/**
 * The one way an order becomes paid, whoever collected the money (the provider's webhook, staff
 * taking cash on delivery): the state machine refuses an illegal move with a 409, and the paid
 * side effects commit with the transition (outbox), so they happen exactly when it does.
 */
export async function markOrderPaid(
  tx: Tx,
  order: OrderRow,
  meta: { actorId?: string | null; note: string },
): Promise<OrderStatus> {
  let to = await applyEvent(tx, order, 'pay', meta);
  const { allDelivered } = await deliverOrder(tx, order);
  // Nothing to post: the order is complete the moment its games are in the library.
  if (allDelivered) to = await applyEvent(tx, order, 'fulfil', { note: 'Delivered to the library' });
  await enqueueMany(tx, [
    { type: 'leaderboards.record_sale', payload: { orderId: order.id }, dedupeKey: `sale:${order.id}` },
    // Not `receipt:<id>`: a cash-on-delivery order spent that key on its confirmation mail when it
    // was placed, and the dedupe would swallow the receipt it is owed once the cash is in.
    { type: 'mail.order_receipt', payload: { orderId: order.id }, dedupeKey: `paid-receipt:${order.id}` },
  ]);
  return to;
}
