import 'server-only';
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { orderItems, orders } from '@/db/schema';
import type { DomainJobHandlers, JobPayloads } from '@/lib/jobs';
import { getKv } from '@/lib/kv';
import { unrecordRefundedSales } from './refunds';
import { recordSale } from './sales';

const SALE_MARKER_TTL_SECONDS = 30 * 24 * 3600;

/**
 * Counts each paid line once on the boards. Redis and Postgres cannot commit together, so a
 * marker is claimed before the increment and released if it fails: a crash between the two loses
 * one count (the boards are rebuilt from Postgres) rather than counting it twice.
 */
async function recordOrderSales({
  orderId,
}: JobPayloads['leaderboards.record_sale']): Promise<void> {
  const db = await getDb();
  const [order] = await db
    .select({ paidAt: orders.paidAt })
    .from(orders)
    .where(eq(orders.id, orderId));
  if (!order?.paidAt) return;
  // Boards rank games: the lines of several editions of one game count together, under one marker.
  const lines = await db
    .select({
      productId: orderItems.productId,
      quantity: sql<number>`sum(${orderItems.quantity})::int`.mapWith(Number),
    })
    .from(orderItems)
    .where(eq(orderItems.orderId, orderId))
    .groupBy(orderItems.productId);
  const kv = getKv();
  for (const line of lines) {
    const marker = `arcade:sale-recorded:${orderId}:${line.productId}`;
    // Claimed under a token, so a release can only ever drop this claim, never a later one.
    const claim = randomUUID();
    if (!(await kv.set(marker, claim, { nx: true, ex: SALE_MARKER_TTL_SECONDS }))) continue;
    try {
      await recordSale(line.productId, line.quantity, order.paidAt);
    } catch (err) {
      await kv.delIfEquals(marker, claim).catch(() => false);
      throw err;
    }
  }
  // Cached boards and "best selling" listings catch up within their lifetime: a sale retires no
  // cached entry, or a crowd of buyers would keep the whole catalog cold.
}

/** Registered by lib/server/jobs.ts. */
export const leaderboardJobHandlers = {
  'leaderboards.record_sale': recordOrderSales,
  'leaderboards.record_refund': ({ orderId }) => unrecordRefundedSales({ orderId }),
} satisfies DomainJobHandlers;
