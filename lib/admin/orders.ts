import 'server-only';
import { and, asc, desc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { transaction } from '@/db/client';
import { isUuid } from '@/db/ids';
import { adminDb } from './db';
import { orderEvents, orderNotes, orders, payments, users } from '@/db/schema';
import { ConflictError, NotFoundError } from '@/lib/errors';
import {
  loadOrderDetail,
  ORDER_STATUSES,
  canApply,
  type OrderDetail,
  type OrderStatus,
} from '@/lib/orders';
import {
  applyEvent,
  lockOrder,
  markOrderPaid,
  refundPaidOrder,
  transitionContext,
} from '@/lib/orders/lifecycle';
import { CASH_PROVIDER } from '@/lib/payments/cash';
import { stockMoved } from '@/lib/stock';
import type { AdminActor } from './actor';
import { escapeLike, recordAudit } from './audit';
import { refundsOf, refundLinesSchema, type RefundView } from './refund-views';
import { blankToUndefined, dateOnly, pageOf, pageSchema, type Paged } from './paging';

export const adminOrderQuerySchema = pageSchema.extend({
  status: z.preprocess(blankToUndefined, z.enum(ORDER_STATUSES).optional()),
  from: z.preprocess(blankToUndefined, dateOnly.optional()),
  to: z.preprocess(blankToUndefined, dateOnly.optional()),
  customer: z.preprocess(blankToUndefined, z.string().trim().max(200).optional()),
});
export type AdminOrderQuery = z.infer<typeof adminOrderQuerySchema>;

export const orderNoteSchema = z.strictObject({
  body: z
    .string()
    .trim()
    .min(1, 'Write the note.')
    .max(2000, 'Keep the note under 2,000 characters.'),
});
export const refundDecisionSchema = z.strictObject({
  decision: z.enum(['approve', 'deny'], 'Choose approve or deny.'),
  reason: z.string().trim().max(500, 'Keep the reason under 500 characters.').default(''),
  /** Approve only these units (the rest of the request is turned down); everything when absent. */
  lines: refundLinesSchema.optional(),
});
export type RefundDecision = z.output<typeof refundDecisionSchema>;

export type AdminOrderRow = {
  id: string;
  status: OrderStatus;
  totalCents: number;
  currency: string;
  itemCount: number;
  createdAt: string;
  customerId: string;
  customerEmail: string;
  customerName: string;
};

export type OrderNoteView = {
  id: number;
  body: string;
  authorId: string | null;
  authorEmail: string | null;
  createdAt: string;
};

export type AdminOrder = {
  order: OrderDetail;
  customer: { id: string; email: string; name: string };
  notes: OrderNoteView[];
  actors: Record<string, string>;
  canFulfil: boolean;
  canDecideRefund: boolean;
  /** Cash on delivery still owed: staff record the cash once the courier has it. */
  canRecordCash: boolean;
  /** Staff may cancel it (an unpaid order, a paid one not shipped yet, a parcel returned unpaid). */
  canCancel: boolean;
  /** Staff may refund some or all of what is not refunded yet. */
  canRefund: boolean;
  /** Money given back, newest first: pending until the provider confirms. */
  refunds: RefundView[];
};

const notFound = () => new NotFoundError('Order not found.');

const startOfDay = (day: string) => new Date(`${day}T00:00:00Z`);
const dayAfter = (day: string) => new Date(startOfDay(day).getTime() + 86_400_000);

export async function listAdminOrders(query: AdminOrderQuery): Promise<Paged<AdminOrderRow>> {
  const db = await adminDb();
  const where: SQL[] = [];
  if (query.status) where.push(eq(orders.status, query.status));
  if (query.from) where.push(gte(orders.createdAt, startOfDay(query.from)));
  if (query.to) where.push(lt(orders.createdAt, dayAfter(query.to)));
  if (query.customer) {
    const like = `%${escapeLike(query.customer)}%`;
    where.push(
      isUuid(query.customer)
        ? or(eq(orders.userId, query.customer), eq(orders.id, query.customer))!
        : or(sql`${users.email} ilike ${like}`, sql`${users.name} ilike ${like}`)!,
    );
  }
  const condition = where.length ? and(...where) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: orders.id,
        status: orders.status,
        totalCents: orders.totalCents,
        currency: orders.currency,
        createdAt: orders.createdAt,
        customerId: users.id,
        customerEmail: users.email,
        customerName: users.name,
        itemCount: sql<number>`(select coalesce(sum(oi.quantity), 0)::int from order_items oi where oi.order_id = "orders"."id")`,
      })
      .from(orders)
      .innerJoin(users, eq(users.id, orders.userId))
      .where(condition)
      .orderBy(desc(orders.createdAt), desc(orders.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(orders)
      .innerJoin(users, eq(users.id, orders.userId))
      .where(condition),
  ]);
  return pageOf(
    rows.map((r) => ({
      ...r,
      itemCount: Number(r.itemCount),
      createdAt: r.createdAt.toISOString(),
    })),
    Number(total?.n ?? 0),
    query,
  );
}

export async function getAdminOrder(id: string): Promise<AdminOrder> {
  if (!isUuid(id)) throw notFound();
  const db = await adminDb();
  const detail = await loadOrderDetail(db, id);
  if (!detail) throw notFound();
  const [[owner], notes, eventActors, refunds, [row]] = await Promise.all([
    db
      .select({ id: users.id, email: users.email, name: users.name })
      .from(orders)
      .innerJoin(users, eq(users.id, orders.userId))
      .where(eq(orders.id, id)),
    db
      .select({
        id: orderNotes.id,
        body: orderNotes.body,
        authorId: orderNotes.authorId,
        authorEmail: users.email,
        createdAt: orderNotes.createdAt,
      })
      .from(orderNotes)
      .leftJoin(users, eq(users.id, orderNotes.authorId))
      .where(eq(orderNotes.orderId, id))
      .orderBy(asc(orderNotes.createdAt), asc(orderNotes.id)),
    db
      .selectDistinct({ id: users.id, email: users.email })
      .from(orderEvents)
      .innerJoin(users, eq(users.id, orderEvents.actorId))
      .where(eq(orderEvents.orderId, id)),
    refundsOf(db, id),
    db.select({ paidAt: orders.paidAt }).from(orders).where(eq(orders.id, id)),
  ]);
  const staff = transitionContext(
    { paymentMethod: detail.paymentMethod, paidAt: row?.paidAt ?? null },
    'staff',
  );
  const unitsLeft = detail.items.some((i) => i.refundedQuantity < i.quantity);
  return {
    order: detail,
    customer: owner!,
    notes: notes.map((n) => ({ ...n, createdAt: n.createdAt.toISOString() })),
    actors: Object.fromEntries(eventActors.map((a) => [a.id, a.email])),
    canFulfil: canApply(detail.status, 'fulfil', staff),
    canDecideRefund: detail.status === 'refund_requested',
    canRecordCash: detail.paymentMethod === 'cod' && canApply(detail.status, 'pay', staff),
    canCancel: canApply(detail.status, 'cancel', staff),
    canRefund: unitsLeft && canApply(detail.status, 'refund', staff),
    refunds,
  };
}

export async function fulfilAdminOrder(actor: AdminActor, id: string): Promise<AdminOrder> {
  if (!isUuid(id)) throw notFound();
  await transaction(async (tx) => {
    const order = await lockOrder(tx, id);
    const from = order.status;
    const to = await applyEvent(tx, order, 'fulfil', {
      actorId: actor.id,
      by: 'staff',
      note: order.paidAt ? 'Marked fulfilled' : 'Shipped; cash to collect on delivery',
    });
    await recordAudit(tx, actor, {
      action: 'order.fulfil',
      entity: 'order',
      entityId: id,
      before: { status: from },
      after: { status: to },
    });
  });
  return getAdminOrder(id);
}

export { CASH_PROVIDER };

/**
 * Records the cash a courier collected for a cash-on-delivery order. It goes through the same
 * paid step as a provider's webhook, so the order is paid, counted and receipted exactly as a card
 * order is. The row lock and the state machine make a second recording a 409, and the payment's
 * intent id is derived from the order, so the unique index refuses a duplicate even so.
 */
export async function recordCashPayment(actor: AdminActor, id: string): Promise<AdminOrder> {
  if (!isUuid(id)) throw notFound();
  await transaction(async (tx) => {
    const order = await lockOrder(tx, id);
    if (order.paymentMethod !== 'cod') {
      throw new ConflictError(
        `Only a cash-on-delivery order can be paid in cash; this one is paid by ${order.paymentMethod} through the payment provider.`,
      );
    }
    const from = order.status;
    const to = await markOrderPaid(tx, order, {
      actorId: actor.id,
      by: 'staff',
      note: 'Cash collected on delivery',
    });
    const [payment] = await tx
      .insert(payments)
      .values({
        orderId: id,
        provider: CASH_PROVIDER,
        method: 'cod',
        intentId: `cash_${id}`,
        status: 'succeeded',
        amountCents: order.totalCents,
        currency: order.currency,
      })
      .returning({ id: payments.id });
    await recordAudit(tx, actor, {
      action: 'order.cash_payment',
      entity: 'order',
      entityId: id,
      before: { status: from },
      after: {
        status: to,
        paymentId: payment!.id,
        amountCents: order.totalCents,
        currency: order.currency,
      },
    });
  });
  return getAdminOrder(id);
}

/**
 * Settles a refund request. Approval gives back what was captured (all of it, or the units named)
 * through the provider that took it, after the commit, and returns unshipped units to stock; the
 * row lock and the state machine make a second decision a 409, so money moves once. Denial puts
 * the order back where it was before the request.
 */
export async function decideRefund(
  actor: AdminActor,
  id: string,
  input: RefundDecision,
): Promise<AdminOrder> {
  if (!isUuid(id)) throw notFound();
  const moves = await transaction(async (tx) => {
    const order = await lockOrder(tx, id);
    const from = order.status;
    if (input.decision === 'approve') {
      if (order.status !== 'refund_requested') {
        throw new ConflictError('Only a refund request can be approved: refund the order instead.');
      }
      const note = input.reason ? `Refund approved: ${input.reason}` : 'Refund approved';
      const outcome = await refundPaidOrder(tx, order, {
        lines: input.lines,
        reason: note,
        actorId: actor.id,
        by: 'staff',
        note,
      });
      await recordAudit(tx, actor, {
        action: 'order.refund_approve',
        entity: 'order',
        entityId: id,
        before: { status: from },
        after: {
          status: outcome.to,
          refundedCents: outcome.amountCents,
          lines: outcome.lines,
          restocked: outcome.moves,
          reason: input.reason,
        },
      });
      return outcome.moves;
    }
    if (order.status !== 'refund_requested')
      throw new ConflictError('Only a refund request can be denied.');
    // Not in the shopper's state machine: only staff move an order back out of a refund request.
    const to: OrderStatus = order.fulfilledAt ? 'fulfilled' : 'paid';
    const now = new Date();
    await tx.update(orders).set({ status: to, updatedAt: now }).where(eq(orders.id, id));
    await tx.insert(orderEvents).values({
      orderId: id,
      fromStatus: from,
      toStatus: to,
      actorId: actor.id,
      note: input.reason ? `Refund denied: ${input.reason}` : 'Refund denied',
    });
    await recordAudit(tx, actor, {
      action: 'order.refund_deny',
      entity: 'order',
      entityId: id,
      before: { status: from },
      after: { status: to, reason: input.reason },
    });
    return [];
  });
  await stockMoved('released', moves);
  return getAdminOrder(id);
}

export async function addOrderNote(
  actor: AdminActor,
  id: string,
  body: string,
): Promise<OrderNoteView> {
  if (!isUuid(id)) throw notFound();
  const note = await transaction(async (tx) => {
    await lockOrder(tx, id);
    const [row] = await tx
      .insert(orderNotes)
      .values({ orderId: id, authorId: actor.id, body })
      .returning();
    await recordAudit(tx, actor, {
      action: 'order.note_add',
      entity: 'order',
      entityId: id,
      after: { noteId: row!.id, body },
    });
    return row!;
  });
  return {
    id: note.id,
    body: note.body,
    authorId: note.authorId,
    authorEmail: actor.email,
    createdAt: note.createdAt.toISOString(),
  };
}
