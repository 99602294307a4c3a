import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditLog, editions, gifts, orderItems, orders, products, users } from '@/db/schema';
import { getKv } from '@/lib/kv';
import { recordSale, unrecordRefundedSales } from '@/lib/leaderboards';
import { log } from '@/lib/log';
import { sendMail } from '@/lib/mail';
import { expireDueOrders } from '@/lib/orders/lifecycle';
import { sendGiftMail } from '@/lib/library/gifts';
import { deliverWithFallback } from '@/lib/payments/hosted';
import { openIntent } from '@/lib/payments/intents';
import { sendRefund } from '@/lib/payments/refunds';
import { signPayload } from '@/lib/payments/signature';
import { orderReceiptMail, lowStockMail } from './mails';
import type { JobPayloads, JobType } from './types';

export type JobContext = { jobId: number; attempt: number };
export type Handlers = {
  [T in JobType]: (payload: JobPayloads[T], ctx: JobContext) => Promise<void>;
};

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

async function mailReceipt({ orderId }: JobPayloads['mail.order_receipt']): Promise<void> {
  const db = await getDb();
  const [row] = await db
    .select({ order: orders, email: users.email, name: users.name })
    .from(orders)
    .innerJoin(users, eq(users.id, orders.userId))
    .where(eq(orders.id, orderId));
  if (!row) return;
  const items = await db.select().from(orderItems).where(eq(orderItems.orderId, orderId));
  const [gift] = await db
    .select({ email: gifts.recipientEmail })
    .from(gifts)
    .where(eq(gifts.orderId, orderId));
  await sendMail(orderReceiptMail(row.email, row.name, row.order, items, gift?.email));
}

async function alertLowStock(
  { productId, editionId, stock }: JobPayloads['stock.low_alert'],
  ctx: JobContext,
): Promise<void> {
  const db = await getDb();
  const [product] = await db
    .select({
      title: sql<string>`${products.title} || ' (' || ${editions.name} || ')'`,
      stock: sql<number>`coalesce(${editions.stock}, 0)`.mapWith(Number),
    })
    .from(editions)
    .innerJoin(products, eq(products.id, editions.productId))
    .where(editionId ? eq(editions.id, editionId) : eq(editions.productId, productId))
    .limit(1);
  if (!product) return;
  const [seen] = await db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, 'stock.low_alert'),
        eq(auditLog.entityId, productId),
        sql`${auditLog.after}->>'jobId' = ${String(ctx.jobId)}`,
      ),
    )
    .limit(1);
  if (!seen) {
    await db.insert(auditLog).values({
      action: 'stock.low_alert',
      entity: 'product',
      entityId: productId,
      after: {
        jobId: String(ctx.jobId),
        editionId: editionId ?? null,
        stockAtOrder: stock,
        stockNow: product.stock,
      },
    });
  }
  const admins = await db
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.status, 'active')));
  log.warn({ productId, title: product.title, stock: product.stock }, 'low stock');
  for (const admin of admins)
    await sendMail(lowStockMail(admin.email, product.title, product.stock));
}

export const handlers: Handlers = {
  'orders.expire_sweep': async () => {
    await expireDueOrders();
  },
  'leaderboards.record_sale': recordOrderSales,
  'leaderboards.record_refund': ({ orderId }) => unrecordRefundedSales({ orderId }),
  'mail.order_receipt': mailReceipt,
  'mail.gift': ({ giftId }) => sendGiftMail(giftId),
  'stock.low_alert': alertLowStock,
  // Signed afresh on each attempt: the stored body may be older than the signature tolerance.
  'payments.deliver_webhook': async ({ body }) => deliverWithFallback(body, signPayload(body)),
  'payments.create_intent': async ({ paymentId }) => {
    await openIntent(paymentId);
  },
  'payments.send_refund': async ({ refundId }) => {
    await sendRefund(refundId);
  },
};
