import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { payments, refunds } from '@/db/schema';
import { providerNamed } from './registry';

/**
 * The `payments.send_refund` job: tells the provider that took the money to give it back. The
 * refund was recorded (pending) by the transaction that decided it, so a rollback can never leave
 * a provider refund behind; this runs after the commit. The refund row's id is the provider's
 * idempotency key and a sent row is skipped, so a job that runs twice refunds once. A refusal is
 * kept on the row for staff and rethrown, so the job retries with backoff.
 */
export async function sendRefund(refundId: string): Promise<'sent' | 'already_sent' | 'missing'> {
  const db = await getDb();
  const [row] = await db
    .select({ refund: refunds, provider: payments.provider, intentId: payments.intentId })
    .from(refunds)
    .innerJoin(payments, eq(payments.id, refunds.paymentId))
    .where(eq(refunds.id, refundId));
  if (!row) return 'missing';
  if (row.refund.status === 'sent') return 'already_sent';
  let providerRefundId: string;
  try {
    ({ refundId: providerRefundId } = await providerNamed(row.provider).refund({
      intentId: row.intentId,
      amountCents: row.refund.amountCents,
      reason: row.refund.reason,
      idempotencyKey: row.refund.id,
    }));
  } catch (err) {
    const message = (err instanceof Error ? err.message : String(err)).slice(0, 500);
    await db
      .update(refunds)
      .set({ attempts: sql`${refunds.attempts} + 1`, lastError: message })
      .where(eq(refunds.id, refundId));
    throw err;
  }
  await db
    .update(refunds)
    .set({
      status: 'sent',
      providerRefundId,
      sentAt: new Date(),
      lastError: null,
      attempts: sql`${refunds.attempts} + 1`,
    })
    .where(and(eq(refunds.id, refundId), eq(refunds.status, 'pending')));
  return 'sent';
}
