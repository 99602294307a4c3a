import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { gifts, orderItems, orders, users } from '@/db/schema';
import type { DomainJobHandlers, JobPayloads } from '@/lib/jobs';
import { sendMail } from '@/lib/mail';
import { expireDueOrders } from './lifecycle';
import { orderReceiptMail } from './receipt-mail';

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

/** The jobs orders run after commit; registered by lib/server/jobs.ts. */
export const orderJobHandlers = {
  'orders.expire_sweep': async () => {
    await expireDueOrders();
  },
  'mail.order_receipt': mailReceipt,
} satisfies DomainJobHandlers;
