import 'server-only';
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { gifts, orderEvents, orderItems, orders, payments, refunds } from '@/db/schema';
import { readerFor } from '@/lib/db/read-your-writes';
import { NotFoundError } from '@/lib/errors';
import { canApply, type TransitionContext } from './state-machine';
import type { OrderDetail, OrderPage, PaymentView } from './types';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

type OrderRow = typeof orders.$inferSelect;
type ItemRow = Pick<
  typeof orderItems.$inferSelect,
  | 'productId'
  | 'editionId'
  | 'editionName'
  | 'platform'
  | 'delivery'
  | 'slug'
  | 'title'
  | 'unitPriceCents'
  | 'quantity'
  | 'refundedQuantity'
>;
type GiftRow = Pick<
  typeof gifts.$inferSelect,
  'recipientEmail' | 'message' | 'claimedAt' | 'sentAt'
>;
type EventRow = Pick<
  typeof orderEvents.$inferSelect,
  'fromStatus' | 'toStatus' | 'note' | 'createdAt'
>;
type PaymentRow = typeof payments.$inferSelect;

/** One order with everything its page shows, or null. Callers scope it to its owner. */
export async function loadOrderDetail(
  db: DbOrTx,
  orderId: string,
  userId?: string,
): Promise<OrderDetail | null> {
  const where = userId
    ? and(eq(orders.id, orderId), eq(orders.userId, userId))
    : eq(orders.id, orderId);
  const [order] = await db.select().from(orders).where(where).limit(1);
  if (!order) return null;
  const [items, events, paymentRows, refundRows, giftRows] = await Promise.all([
    db
      .select()
      .from(orderItems)
      .where(eq(orderItems.orderId, orderId))
      .orderBy(asc(orderItems.title)),
    db
      .select()
      .from(orderEvents)
      .where(eq(orderEvents.orderId, orderId))
      .orderBy(asc(orderEvents.id)),
    db
      .select()
      .from(payments)
      .where(eq(payments.orderId, orderId))
      .orderBy(desc(payments.createdAt))
      .limit(1),
    db
      .select({ amountCents: refunds.amountCents })
      .from(refunds)
      .where(eq(refunds.orderId, orderId)),
    db
      .select({
        recipientEmail: gifts.recipientEmail,
        message: gifts.message,
        claimedAt: gifts.claimedAt,
        sentAt: gifts.sentAt,
      })
      .from(gifts)
      .where(eq(gifts.orderId, orderId)),
  ]);
  return toOrderDetail(
    order,
    items,
    events,
    paymentRows[0] ?? null,
    refundRows.reduce((n, r) => n + r.amountCents, 0),
    giftRows[0] ?? null,
  );
}

/**
 * The detail view of an order from its rows: what `loadOrderDetail` reads back, and what placing
 * an order builds from the rows it has just written, without reading them again.
 */
export function toOrderDetail(
  order: OrderRow,
  items: readonly ItemRow[],
  events: readonly EventRow[],
  p: PaymentRow | null,
  refundedCents: number,
  gift: GiftRow | null,
): OrderDetail {
  const payable =
    order.status === 'pending_payment' && (!order.expiresAt || order.expiresAt > new Date());
  const shopper: TransitionContext = {
    by: 'shopper',
    cashOnDelivery: order.paymentMethod === 'cod',
    paid: order.paidAt !== null,
  };
  const payment: PaymentView | null = p
    ? {
        provider: p.provider,
        method: p.method,
        status: p.status,
        amountCents: p.amountCents,
        failureReason: p.failureReason,
        paymentUrl:
          payable && (p.status === 'requires_action' || p.status === 'failed')
            ? `/pay/${p.intentId}`
            : null,
      }
    : null;
  return {
    id: order.id,
    status: order.status,
    paymentMethod: order.paymentMethod,
    subtotalCents: order.subtotalCents,
    shippingCents: order.shippingCents,
    taxCents: order.taxCents,
    totalCents: order.totalCents,
    currency: order.currency,
    billingCountry: order.billingCountry,
    shippingAddress: order.shippingAddress,
    gift: gift
      ? {
          email: gift.recipientEmail,
          message: gift.message,
          claimed: gift.claimedAt !== null,
          sentAt: iso(gift.sentAt),
        }
      : null,
    createdAt: order.createdAt.toISOString(),
    expiresAt: iso(order.expiresAt),
    paidAt: iso(order.paidAt),
    fulfilledAt: iso(order.fulfilledAt),
    cancelledAt: iso(order.cancelledAt),
    refundedAt: iso(order.refundedAt),
    items: items.map((i) => ({
      productId: i.productId,
      editionId: i.editionId,
      editionName: i.editionName,
      platform: i.platform,
      delivery: i.delivery,
      slug: i.slug,
      title: i.title,
      unitPriceCents: i.unitPriceCents,
      quantity: i.quantity,
      lineTotalCents: i.unitPriceCents * i.quantity,
      refundedQuantity: i.refundedQuantity,
    })),
    payment,
    events: events.map((e) => ({
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      note: e.note,
      at: e.createdAt.toISOString(),
    })),
    refundedCents,
    canCancel: canApply(order.status, 'cancel', shopper),
    canRequestRefund: canApply(order.status, 'request_refund', shopper),
  };
}

/**
 * Order ids come from URLs; Postgres answers a malformed uuid with an error (a 500), so anything
 * that is not a real uuid is treated as the missing order it is.
 */
export function isOrderId(id: string): boolean {
  return z.uuid().safeParse(id).success;
}

/**
 * The caller's order; someone else's is a 404, exactly like a missing one. Read as of the caller's
 * own last write (lib/db/read-your-writes): the order page right after checkout finds the order.
 */
export async function getOrder(userId: string, orderId: string): Promise<OrderDetail> {
  if (!isOrderId(orderId)) throw new NotFoundError('Order not found.');
  const detail = await loadOrderDetail(await readerFor({ userId }), orderId, userId);
  if (!detail) throw new NotFoundError('Order not found.');
  return detail;
}

/** The user's orders, newest first, as of their own last write (lib/db/read-your-writes). */
export async function listOrders(userId: string, page = 1, pageSize = 10): Promise<OrderPage> {
  return listOrdersFrom(await readerFor({ userId }), userId, page, pageSize);
}

/** The same list read from `db` (the back office reads the primary). */
export async function listOrdersFrom(
  db: DbOrTx,
  userId: string,
  page = 1,
  pageSize = 10,
): Promise<OrderPage> {
  const [rows, [totalRow]] = await Promise.all([
    db
      .select({
        id: orders.id,
        status: orders.status,
        paymentMethod: orders.paymentMethod,
        totalCents: orders.totalCents,
        currency: orders.currency,
        createdAt: orders.createdAt,
        itemCount: sql<number>`(select coalesce(sum(${orderItems.quantity}), 0)::int from ${orderItems} where ${orderItems.orderId} = ${orders.id})`,
      })
      .from(orders)
      .where(eq(orders.userId, userId))
      .orderBy(desc(orders.createdAt), desc(orders.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(orders).where(eq(orders.userId, userId)),
  ]);
  const total = totalRow?.n ?? 0;
  return {
    orders: rows.map((r) => ({
      ...r,
      itemCount: Number(r.itemCount),
      createdAt: r.createdAt.toISOString(),
    })),
    page,
    pageSize,
    total,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
  };
}
