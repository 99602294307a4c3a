import 'server-only';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/db/client';
import { lockEditions } from '@/db/locks';
import { libraryItems, orderItems, orders, payments, refunds, stockAdjustments } from '@/db/schema';
import { ConflictError, ValidationError } from '@/lib/errors';
import { enqueueMany, type NewJob } from '@/lib/jobs/queue';
import type { StockMove } from '@/lib/stock';
import { revokeOrderKeys } from '@/lib/vault/revoke';
import { refundAmountFor, type RefundLine } from './refund-amount';

type OrderRow = typeof orders.$inferSelect;
type ItemRow = typeof orderItems.$inferSelect;

/** A refund worked out before anything is written: the units it takes back and what it pays. */
export type RefundPlan = {
  take: (RefundLine & { delivery: ItemRow['delivery']; title: string; editionName: string })[];
  amountCents: number;
  /** After it, every unit of the order is refunded. */
  complete: boolean;
};

/** Twelve attempts backing off to an hour apart: about three hours of provider outage are ridden out. */
const REFUND_ATTEMPTS = 12;

async function refundedSoFar(tx: Tx, orderId: string): Promise<number> {
  const [row] = await tx
    .select({ cents: sql<number>`coalesce(sum(${refunds.amountCents}), 0)::int`.mapWith(Number) })
    .from(refunds)
    .where(eq(refunds.orderId, orderId));
  return row?.cents ?? 0;
}

/**
 * Which units a refund takes back (the lines asked for, or every unit not refunded yet) and what it
 * pays. Refuses a line the order does not have, more units than are left, or nothing at all.
 * The caller holds the order row.
 */
export async function planRefund(
  tx: Tx,
  order: OrderRow,
  lines?: readonly RefundLine[],
): Promise<RefundPlan> {
  const items = await tx
    .select()
    .from(orderItems)
    .where(eq(orderItems.orderId, order.id))
    .orderBy(asc(orderItems.editionId));
  const asked = new Map<string, number>();
  for (const l of lines ??
    items.map((i) => ({ editionId: i.editionId, quantity: i.quantity - i.refundedQuantity }))) {
    asked.set(l.editionId, (asked.get(l.editionId) ?? 0) + l.quantity);
  }
  const take: RefundPlan['take'] = [];
  for (const [editionId, quantity] of asked) {
    const item = items.find((i) => i.editionId === editionId);
    if (!item)
      throw new ValidationError('That edition is not in this order.', {
        lines: [`Not in this order: ${editionId}.`],
      });
    const left = item.quantity - item.refundedQuantity;
    if (quantity > left) {
      const name = `${item.title} (${item.editionName})`;
      throw new ConflictError(
        left ? `Only ${left} of ${name} can still be refunded.` : `${name} is already refunded.`,
        { lines: [`At most ${left} of ${name}.`] },
      );
    }
    if (quantity > 0)
      take.push({
        editionId,
        quantity,
        delivery: item.delivery,
        title: item.title,
        editionName: item.editionName,
      });
  }
  if (!take.length) throw new ConflictError('Nothing is left to refund on this order.');
  take.sort((a, b) => a.editionId.localeCompare(b.editionId));
  const { amountCents, complete } = refundAmountFor(
    { ...order, refundedCents: await refundedSoFar(tx, order.id), items },
    take,
  );
  return { take, amountCents, complete };
}

/**
 * Takes the units of a refund back from a paid order, inside the transaction that decides it:
 * the lines count them refunded, capped downloads and unshipped boxes return to stock, and each
 * digital unit leaves the library it reached, its key going back to the vault if nobody saw it
 * (revoked otherwise). The money is only recorded here (see `queueRefund`). Returns the stock moves,
 * for `stockMoved('released', …)` once the transaction commits.
 */
export async function takeBackUnits(
  tx: Tx,
  order: OrderRow,
  plan: RefundPlan,
  reason: { stock: string; refund: string },
): Promise<StockMove[]> {
  for (const line of plan.take) {
    await tx
      .update(orderItems)
      .set({ refundedQuantity: sql`${orderItems.refundedQuantity} + ${line.quantity}` })
      .where(and(eq(orderItems.orderId, order.id), eq(orderItems.editionId, line.editionId)));
  }
  const moves = await releasePaidUnits(tx, order, plan.take, reason.stock);
  await queueRefund(
    tx,
    order.id,
    plan.amountCents,
    reason.refund,
    plan.take.map(({ editionId, quantity }) => ({ editionId, quantity })),
  );
  return moves;
}

/** Level 5 to 7 of db/locks.ts: editions in id order, then keys, then library items. */
async function releasePaidUnits(
  tx: Tx,
  order: OrderRow,
  take: RefundPlan['take'],
  reason: string,
): Promise<StockMove[]> {
  await lockEditions(
    tx,
    take.map((l) => l.editionId),
  );
  const shipped = order.fulfilledAt !== null;
  const moves: StockMove[] = [];
  const adjustments: (typeof stockAdjustments.$inferInsert)[] = [];
  for (const line of take) {
    // Keys return through the vault below; a box that left the warehouse comes back by hand.
    if (line.delivery === 'key' || (line.delivery === 'physical' && shipped)) continue;
    const [row] = rowsOf<{ product_id: string; stock: number }>(
      await tx.execute(sql`
        update editions set stock = stock + ${line.quantity}, updated_at = now()
        where id = ${line.editionId} and stock is not null
        returning product_id, stock
      `),
    );
    if (!row) continue;
    adjustments.push({
      productId: row.product_id,
      editionId: line.editionId,
      delta: line.quantity,
      reason,
    });
    moves.push({ unit: line.editionId, delta: line.quantity, stockAfter: row.stock });
  }
  if (adjustments.length) await tx.insert(stockAdjustments).values(adjustments);

  const itemIds: string[] = [];
  for (const line of take) {
    if (line.delivery === 'physical') continue;
    // The units given back are the ones worth least to the buyer: still waiting for a key, then
    // with a key nobody saw (which goes back on sale), and revealed ones last.
    const rows = rowsOf<{ id: string }>(
      await tx.execute(sql`
        select li.id from library_items li left join license_keys k on k.id = li.license_key_id
        where li.order_id = ${order.id} and li.edition_id = ${line.editionId} and li.revoked_at is null
        order by case when li.license_key_id is null then 0 when k.status = 'assigned' then 1 else 2 end,
          li.created_at, li.id
        limit ${line.quantity}
      `),
    );
    itemIds.push(...rows.map((r) => r.id));
  }
  if (itemIds.length) {
    moves.push(...(await revokeOrderKeys(tx, order.id, itemIds)));
    await tx
      .update(libraryItems)
      .set({ revokedAt: new Date() })
      .where(inArray(libraryItems.id, itemIds));
  }
  return moves;
}

/**
 * Records money to give back to the buyer, in the transaction that decides it: a pending refund row
 * per captured payment it draws on, and a `payments.send_refund` job that calls the provider
 * after the commit. A rollback therefore leaves nothing at the provider, and a retried
 * transaction records it once. `amountCents` 'rest' returns whatever was captured and not yet
 * refunded (money that arrived for an order already closed). Returns the cents recorded.
 */
export async function queueRefund(
  tx: Tx,
  orderId: string,
  amountCents: number | 'rest',
  reason: string,
  lines: RefundLine[] | null = null,
): Promise<number> {
  const captured = await tx
    .select()
    .from(payments)
    .where(and(eq(payments.orderId, orderId), eq(payments.status, 'succeeded')))
    .orderBy(asc(payments.createdAt))
    .for('no key update');
  if (!captured.length) return 0;
  const given = await tx
    .select({
      paymentId: refunds.paymentId,
      cents: sql<number>`sum(${refunds.amountCents})::int`.mapWith(Number),
    })
    .from(refunds)
    .where(eq(refunds.orderId, orderId))
    .groupBy(refunds.paymentId);
  let left = amountCents === 'rest' ? Number.POSITIVE_INFINITY : amountCents;
  let recorded = 0;
  const jobs: NewJob<'payments.send_refund'>[] = [];
  for (const payment of captured) {
    const refundable =
      payment.amountCents - (given.find((g) => g.paymentId === payment.id)?.cents ?? 0);
    const part = Math.min(refundable, left);
    if (part <= 0) continue;
    const [row] = await tx
      .insert(refunds)
      .values({
        paymentId: payment.id,
        orderId,
        amountCents: part,
        reason,
        lines,
        status: 'pending',
      })
      .returning({ id: refunds.id });
    jobs.push({
      type: 'payments.send_refund',
      payload: { refundId: row!.id },
      dedupeKey: `refund:${row!.id}`,
      maxAttempts: REFUND_ATTEMPTS,
    });
    if (part === refundable) {
      await tx
        .update(payments)
        .set({ status: 'refunded', updatedAt: new Date() })
        .where(eq(payments.id, payment.id));
    }
    left -= part;
    recorded += part;
  }
  await enqueueMany(tx, jobs);
  return recorded;
}

/** Returns everything captured for an order and not refunded yet: for money that came too late. */
export function refundCaptured(tx: Tx, orderId: string, reason: string): Promise<number> {
  return queueRefund(tx, orderId, 'rest', reason);
}
