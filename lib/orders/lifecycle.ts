import 'server-only';
import { and, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import { rowsOf, transaction, type Tx } from '@/db/client';
import { lockEditionsOfOrders } from '@/db/locks';
import { gifts, orderEvents, orders, payments, stockAdjustments } from '@/db/schema';
import { noteWrite } from '@/lib/db/read-your-writes';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { enqueueMany } from '@/lib/jobs/queue';
import { log } from '@/lib/log';
import { stockMoved, type StockMove } from '@/lib/stock';
import { deliverOrder } from '@/lib/library/deliver';
import { enqueueRefundedSales } from '@/lib/leaderboards';
import { isOrderId, loadOrderDetail } from './queries';
import type { RefundLine } from './refund-amount';
import { planRefund, takeBackUnits } from './refunds';
import {
  transition,
  type OrderActor,
  type OrderEvent,
  type OrderStatus,
  type TransitionContext,
} from './state-machine';
import type { OrderDetail } from './types';

type OrderRow = typeof orders.$inferSelect;

/** By event, not by status: recording the cash of a shipped cash-on-delivery order stamps paidAt only. */
const STAMP: Record<OrderEvent, keyof OrderRow | null> = {
  pay: 'paidAt',
  fulfil: 'fulfilledAt',
  cancel: 'cancelledAt',
  expire: 'cancelledAt',
  request_refund: null,
  refund: 'refundedAt',
};

/** What the state machine needs to know of an order besides its status. */
export function transitionContext(
  order: Pick<OrderRow, 'paymentMethod' | 'paidAt'>,
  by: OrderActor,
): TransitionContext {
  return { by, cashOnDelivery: order.paymentMethod === 'cod', paid: order.paidAt !== null };
}

/** The order row (level 3 of the lock order in db/locks.ts): before its editions, keys and payments. */
export async function lockOrder(tx: Tx, orderId: string, userId?: string): Promise<OrderRow> {
  if (!isOrderId(orderId)) throw new NotFoundError('Order not found.');
  const where = userId
    ? and(eq(orders.id, orderId), eq(orders.userId, userId))
    : eq(orders.id, orderId);
  const [order] = await tx.select().from(orders).where(where).for('no key update');
  if (!order) throw new NotFoundError('Order not found.');
  return order;
}

/** Moves a locked order along the state machine and writes the timeline; an illegal move is a 409. */
export async function applyEvent(
  tx: Tx,
  order: OrderRow,
  event: OrderEvent,
  meta: { actorId?: string | null; note?: string; by?: OrderActor } = {},
): Promise<OrderStatus> {
  const t = transition(order.status, event, transitionContext(order, meta.by ?? 'system'));
  if (!t.ok) throw new ConflictError(t.reason);
  const now = new Date();
  const stamp = STAMP[event];
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
 * Puts what an unpaid order took back where it came from (nothing was handed over: every counted
 * unit returns, keys were only promised; a cash-on-delivery parcel that came back unpaid too);
 * returns the moves, for `stockMoved('released', …)` once the transaction commits. A paid order's
 * units go back through a refund (`refundPaidOrder`, `cancelByStaff`), which returns its money too.
 */
export async function releaseStock(
  tx: Tx,
  order: Pick<OrderRow, 'id' | 'paidAt'>,
  reason: string,
): Promise<StockMove[]> {
  if (order.paidAt !== null) throw new Error('A paid order releases its units through a refund.');
  // Every edition the order touches, in id order, before the set-based update below (whose row
  // order is the join's): see db/locks.ts.
  await lockEditionsOfOrders(tx, [order.id]);
  const rows = rowsOf<{ edition_id: string; product_id: string; quantity: number; stock: number }>(
    await tx.execute(sql`
      update editions e set stock = e.stock + oi.quantity, updated_at = now()
      from order_items oi
      where oi.order_id = ${order.id} and e.id = oi.edition_id and e.stock is not null
      returning e.id as edition_id, e.product_id, oi.quantity, e.stock
    `),
  );
  if (rows.length) {
    await tx.insert(stockAdjustments).values(
      rows.map((r) => ({
        productId: r.product_id,
        editionId: r.edition_id,
        delta: r.quantity,
        reason,
      })),
    );
  }
  return rows.map((r) => ({ unit: r.edition_id, delta: r.quantity, stockAfter: r.stock }));
}

export type RefundOutcome = {
  to: OrderStatus;
  amountCents: number;
  complete: boolean;
  lines: RefundLine[];
  moves: StockMove[];
};

/**
 * Gives back some or all of a paid order's units and their money, in the caller's transaction
 * (which holds the order row). The whole rest of the order moves it to refunded through the state
 * machine (staff, or an approved request); part of it leaves a paid or fulfilled order where it
 * is with `refundedCents` grown, and settles a pending request (back to paid or fulfilled). The
 * provider hears of it after the commit (see `queueRefund`).
 */
export async function refundPaidOrder(
  tx: Tx,
  order: OrderRow,
  input: {
    lines?: readonly RefundLine[];
    /** Kept with the refund and sent to the provider. */
    reason: string;
    /** Kept with the stock adjustments. */
    stockReason?: string;
    actorId: string | null;
    by: OrderActor;
    note: string;
  },
): Promise<RefundOutcome> {
  const allowed = transition(order.status, 'refund', transitionContext(order, input.by));
  if (!allowed.ok) throw new ConflictError(allowed.reason);
  const plan = await planRefund(tx, order, input.lines);
  let to = order.status;
  if (plan.complete) {
    to = await applyEvent(tx, order, 'refund', {
      actorId: input.actorId,
      by: input.by,
      note: input.note,
    });
  } else {
    const units = plan.take.map((l) => `${l.quantity} × ${l.title} (${l.editionName})`).join(', ');
    // Not a move of the state machine: part of the order stays sold, so the order stays where it was.
    if (order.status === 'refund_requested') to = order.fulfilledAt ? 'fulfilled' : 'paid';
    await tx
      .update(orders)
      .set({ status: to, updatedAt: new Date() })
      .where(eq(orders.id, order.id));
    await tx.insert(orderEvents).values({
      orderId: order.id,
      fromStatus: order.status,
      toStatus: to,
      actorId: input.actorId,
      note: `${input.note} in part: ${units}`,
    });
    order.status = to;
  }
  const moves = await takeBackUnits(tx, order, plan, {
    stock: input.stockReason ?? 'order_refunded',
    refund: input.reason,
  });
  if (plan.complete) await enqueueRefundedSales(tx, order.id);
  const lines = plan.take.map(({ editionId, quantity }) => ({ editionId, quantity }));
  return { to, amountCents: plan.amountCents, complete: plan.complete, lines, moves };
}

async function voidOpenIntents(tx: Tx, orderId: string): Promise<void> {
  await tx
    .update(payments)
    .set({ status: 'cancelled', updatedAt: new Date() })
    .where(
      and(eq(payments.orderId, orderId), inArray(payments.status, ['requires_action', 'failed'])),
    );
}

async function detail(tx: Tx, orderId: string): Promise<OrderDetail> {
  const d = await loadOrderDetail(tx, orderId);
  if (!d) throw new NotFoundError('Order not found.');
  return d;
}

/**
 * A shopper cancels an order they have not paid (and, paying cash on delivery, that has not been
 * shipped): its stock returns. A paid order is not cancelled but refunded on request (409 here).
 */
export async function cancelOrder(userId: string, orderId: string): Promise<OrderDetail> {
  const result = await transaction(async (tx) => {
    const order = await lockOrder(tx, orderId, userId);
    await applyEvent(tx, order, 'cancel', { actorId: userId, by: 'shopper', note: 'Cancelled' });
    const moves = await releaseStock(tx, order, 'order_cancelled');
    await voidOpenIntents(tx, orderId);
    return { moves, detail: await detail(tx, orderId) };
  });
  await noteWrite({ userId });
  await stockMoved('released', result.moves);
  return result.detail;
}

/**
 * Staff cancel an order, in the caller's transaction: an unpaid one returns its stock (a
 * cash-on-delivery parcel that came back unpaid included); a paid one is refunded in full, its
 * games leaving the libraries they reached. Returns the stock moves.
 */
export async function cancelByStaff(
  tx: Tx,
  order: OrderRow,
  actorId: string | null,
  reason: string,
): Promise<StockMove[]> {
  const note = reason ? `Cancelled by staff: ${reason}` : 'Cancelled by staff';
  if (order.paidAt === null) {
    await applyEvent(tx, order, 'cancel', { actorId, by: 'staff', note });
    const moves = await releaseStock(tx, order, 'order_cancelled');
    await voidOpenIntents(tx, order.id);
    return moves;
  }
  const plan = await planRefund(tx, order);
  await applyEvent(tx, order, 'cancel', { actorId, by: 'staff', note: `${note}; refunded` });
  const now = new Date();
  await tx.update(orders).set({ refundedAt: now }).where(eq(orders.id, order.id));
  order.refundedAt = now;
  const moves = await takeBackUnits(tx, order, plan, { stock: 'order_cancelled', refund: note });
  await enqueueRefundedSales(tx, order.id);
  return moves;
}

export async function requestRefund(
  userId: string,
  orderId: string,
  reason = '',
): Promise<OrderDetail> {
  const result = await transaction(async (tx) => {
    const order = await lockOrder(tx, orderId, userId);
    const note = reason ? `Refund requested: ${reason}` : 'Refund requested';
    await applyEvent(tx, order, 'request_refund', { actorId: userId, by: 'shopper', note });
    return detail(tx, orderId);
  });
  await noteWrite({ userId });
  return result;
}

/** Staff approve a requested refund: money goes back through the provider; unshipped units return to stock. */
export async function approveRefund(orderId: string, actorId: string | null): Promise<OrderDetail> {
  const result = await transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    const { moves } = await refundPaidOrder(tx, order, {
      actorId,
      by: 'staff',
      reason: 'Refund approved',
      note: 'Refund approved',
    });
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
  const result = await transaction(async (tx) => {
    const order = await lockOrder(tx, orderId, userId);
    const [gift] = await tx.select().from(gifts).where(eq(gifts.orderId, orderId)).for('update');
    if (!gift) throw new NotFoundError('Gift not found.');
    if (gift.claimedAt)
      throw new ConflictError(
        'Your friend already claimed this gift: ask for a refund from the order instead.',
      );
    await applyEvent(tx, order, 'request_refund', {
      actorId: userId,
      by: 'shopper',
      note: 'Unclaimed gift taken back',
    });
    const { moves } = await refundPaidOrder(tx, order, {
      actorId: userId,
      by: 'shopper',
      reason: 'Unclaimed gift refunded',
      stockReason: 'gift_refunded',
      note: 'Unclaimed gift refunded',
    });
    return { moves, detail: await detail(tx, orderId) };
  });
  await noteWrite({ userId });
  await stockMoved('released', result.moves);
  return result.detail;
}

export async function fulfilOrder(orderId: string, actorId: string | null): Promise<OrderDetail> {
  return transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    await applyEvent(tx, order, 'fulfil', { actorId, by: 'staff', note: 'Shipped' });
    return detail(tx, orderId);
  });
}

/**
 * Cancels unpaid orders past their expiry and releases their stock. Rows another sweeper holds
 * are skipped, and the status check makes a repeated sweep a no-op.
 */
export async function expireDueOrders(now = new Date(), batch = 100): Promise<number> {
  let total = 0;
  for (;;) {
    const { expired, moves } = await transaction(async (tx) => {
      const due = await tx
        .select()
        .from(orders)
        .where(
          and(
            eq(orders.status, 'pending_payment'),
            isNotNull(orders.expiresAt),
            lte(orders.expiresAt, now),
          ),
        )
        .limit(batch)
        .for('no key update', { skipLocked: true });
      // The editions of the whole batch at once, in id order: order by order, two batches (or a
      // batch and a checkout) would take them in different orders.
      await lockEditionsOfOrders(
        tx,
        due.map((o) => o.id),
      );
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
  meta: { actorId?: string | null; note: string; by?: OrderActor },
): Promise<OrderStatus> {
  let to = await applyEvent(tx, order, 'pay', meta);
  const { allDelivered } = await deliverOrder(tx, order);
  // Nothing to post: the order is complete the moment its games are in the library.
  if (allDelivered && to === 'paid')
    to = await applyEvent(tx, order, 'fulfil', { note: 'Delivered to the library' });
  await enqueueMany(tx, [
    {
      type: 'leaderboards.record_sale',
      payload: { orderId: order.id },
      dedupeKey: `sale:${order.id}`,
    },
    // Not `receipt:<id>`: a cash-on-delivery order spent that key on its confirmation mail when it
    // was placed, and the dedupe would swallow the receipt it is owed once the cash is in.
    {
      type: 'mail.order_receipt',
      payload: { orderId: order.id },
      dedupeKey: `paid-receipt:${order.id}`,
    },
  ]);
  return to;
}
