import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditLog, editions, products, users } from '@/db/schema';
import type { DomainJobHandlers, JobContext, JobPayloads } from '@/lib/jobs';
import { log } from '@/lib/log';
import { sendMail } from '@/lib/mail';
import { lowStockMail } from './low-stock-mail';

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

/** Admins hear about running-out editions; registered by lib/server/jobs.ts. */
export const adminJobHandlers = {
  'stock.low_alert': alertLowStock,
} satisfies DomainJobHandlers;
