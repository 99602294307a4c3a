import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { refunds } from '@/db/schema';

/** Units to refund: `[{ editionId, quantity }]`, each an edition of the order. */
export const refundLinesSchema = z
  .array(
    z.strictObject({
      editionId: z.uuid('Name an edition of the order.'),
      quantity: z.int('Give a whole number of units.').min(1, 'Refund at least one unit.').max(999),
    }),
  )
  .min(1, 'Choose at least one unit to refund.')
  .max(100);

export type RefundView = {
  id: string;
  amountCents: number;
  reason: string;
  /** Pending until the provider confirms; `lastError` says why it has not yet. */
  status: 'pending' | 'sent';
  lines: { editionId: string; quantity: number }[] | null;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
};

export async function refundsOf(db: DbOrTx, orderId: string): Promise<RefundView[]> {
  const rows = await db
    .select()
    .from(refunds)
    .where(eq(refunds.orderId, orderId))
    .orderBy(desc(refunds.createdAt));
  return rows.map((r) => ({
    id: r.id,
    amountCents: r.amountCents,
    reason: r.reason,
    status: r.status,
    lines: r.lines,
    attempts: r.attempts,
    lastError: r.lastError,
    createdAt: r.createdAt.toISOString(),
    sentAt: r.sentAt?.toISOString() ?? null,
  }));
}
