import 'server-only';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/db/client';
import { orderItems, orders } from '@/db/schema';
import { SALE_STATUSES } from '@/lib/catalog';
import { UnavailableError } from '@/lib/errors';
import { enqueue } from '@/lib/jobs/queue';
import { withKv } from '@/lib/kv';
import type { Kv } from '@/lib/kv/types';
import { DAYS_KEPT, keys, SALE_MARKER_TTL_SECONDS, utcDay } from './keys';

/**
 * Schedules taking a refunded order's units off the top-seller boards. Call it inside the
 * transaction that refunds the order (transactional outbox): the boards move exactly when the
 * refund commits, and a second call for the same order is ignored.
 */
export async function enqueueRefundedSales(tx: DbOrTx, orderId: string): Promise<void> {
  await enqueue(tx, {
    type: 'leaderboards.record_refund',
    payload: { orderId },
    dedupeKey: `sale-refund:${orderId}`,
  });
}

/** Takes `units` of a game off one board; a game left with nothing leaves the board. */
async function takeBack(kv: Kv, key: string, productId: string, units: number): Promise<void> {
  const left = await kv.zincrby(key, -units, productId);
  // Not atomic with the decrement: a sale landing in between can lose its units until the next
  // rebuild, which is rarer and milder than a "0 sold" entry on every board.
  if (left <= 0) await kv.zrem(key, productId);
}

/**
 * The job behind `enqueueRefundedSales`: takes each game's refunded units off the all-time board
 * and off the day bucket the sale was counted in, once per order and game.
 *
 * Redis and Postgres cannot commit together, so the job decides from markers what the boards hold:
 * - the sale was never counted (its record_sale job has not run yet): the job takes the sale's
 *   marker itself, so that job skips the game for good, and subtracts nothing;
 * - the boards were rebuilt from Postgres after the refund: the rebuild already left the order
 *   out (refunded orders are no sale), so nothing is subtracted either;
 * - otherwise the units are subtracted. Sales older than the markers' lifetime were counted long
 *   ago. A failure releases this job's claim, so the retry subtracts exactly once.
 */
export async function unrecordRefundedSales({ orderId }: { orderId: string }): Promise<void> {
  const db = await getDb();
  const [order] = await db
    .select({ status: orders.status, paidAt: orders.paidAt, refundedAt: orders.refundedAt })
    .from(orders)
    .where(eq(orders.id, orderId));
  // Only money that went back: a denied request or an order never paid leaves the boards alone.
  if (!order?.paidAt || !order.refundedAt) return;
  if ((SALE_STATUSES as readonly string[]).includes(order.status)) return;
  const { paidAt, refundedAt } = order;

  const lines = await db
    .select({ productId: orderItems.productId, quantity: orderItems.quantity })
    .from(orderItems)
    .where(eq(orderItems.orderId, orderId));
  // Two editions of one game are two lines but one entry on the boards.
  const units = new Map<string, number>();
  for (const line of lines)
    units.set(line.productId, (units.get(line.productId) ?? 0) + line.quantity);

  const saleDay = utcDay(paidAt);
  const age = Date.now() - paidAt.getTime();
  const dayKept = age < DAYS_KEPT * 86_400_000;
  const markersAlive = age < SALE_MARKER_TTL_SECONDS * 1000;

  const done = await withKv(
    async (kv) => {
      const built = await kv.get<string>(keys.built);
      const rebuiltSinceRefund = built !== null && new Date(built).getTime() > refundedAt.getTime();
      for (const [productId, quantity] of units) {
        const claim = randomUUID();
        const refundMarker = keys.refundRecorded(orderId, productId);
        if (!(await kv.set(refundMarker, claim, { nx: true, ex: SALE_MARKER_TTL_SECONDS })))
          continue;
        try {
          const neverCounted =
            markersAlive &&
            (await kv.set(keys.saleRecorded(orderId, productId), 'refunded', {
              nx: true,
              ex: SALE_MARKER_TTL_SECONDS,
            }));
          if (neverCounted || rebuiltSinceRefund) continue;
          await takeBack(kv, keys.topSellers, productId, quantity);
          if (dayKept) await takeBack(kv, keys.salesDay(saleDay), productId, quantity);
        } catch (err) {
          await kv.delIfEquals(refundMarker, claim).catch(() => false);
          throw err;
        }
      }
      return true;
    },
    () => false,
  );
  if (!done) throw new UnavailableError('Leaderboards are unavailable; retry the refund later.');
}
