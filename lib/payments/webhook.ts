import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { orderEvents, payments, webhookEvents } from '@/db/schema';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { log } from '@/lib/log';
import { lockOrder, markOrderPaid, refundCaptured } from '@/lib/orders/lifecycle';
import { verifySignature } from './signature';
import { SIMULATED_PROVIDER } from './simulated';

const eventSchema = z.object({
  id: z.string().min(1).max(200),
  type: z.enum(['payment_intent.succeeded', 'payment_intent.payment_failed']),
  created: z.number().int(),
  data: z.object({
    intentId: z.string().min(1).max(200),
    amountCents: z.number().int().nonnegative(),
    currency: z.string().min(3).max(3),
    failureReason: z.string().max(500).optional(),
  }),
});

export type WebhookOutcome = { eventId: string; duplicate: boolean; orderId?: string; result?: string };

/**
 * Applies one signed provider event. The event id is recorded in the same transaction as its
 * effect, so a replay (or a provider retry racing the first delivery) changes nothing.
 */
export async function handlePaymentWebhook(rawBody: string, signatureHeader: string | null): Promise<WebhookOutcome> {
  verifySignature(rawBody, signatureHeader);
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody);
  } catch {
    throw new ValidationError('The event is not valid JSON.');
  }
  const result = eventSchema.safeParse(parsed);
  if (!result.success) throw new ValidationError('Unknown or malformed event.');
  const event = result.data;

  const db = await getDb();
  return db.transaction(async (tx) => {
    const fresh = await tx
      .insert(webhookEvents)
      .values({ id: event.id, provider: SIMULATED_PROVIDER, type: event.type, payload: event })
      .onConflictDoNothing()
      .returning({ id: webhookEvents.id });
    if (!fresh.length) return { eventId: event.id, duplicate: true };

    const intent = and(eq(payments.provider, SIMULATED_PROVIDER), eq(payments.intentId, event.data.intentId));
    const [found] = await tx.select({ orderId: payments.orderId }).from(payments).where(intent);
    if (!found) throw new NotFoundError('Unknown payment intent.');
    // Order first, then payment: the same lock order as cancel and expiry, so they cannot deadlock.
    const order = await lockOrder(tx, found.orderId);
    const [payment] = await tx.select().from(payments).where(intent).for('update');
    if (!payment) throw new NotFoundError('Unknown payment intent.');
    const base = { eventId: event.id, duplicate: false, orderId: order.id };

    if (event.type === 'payment_intent.payment_failed') {
      if (payment.status !== 'requires_action' && payment.status !== 'failed') return { ...base, result: 'ignored' };
      const reason = event.data.failureReason ?? 'Payment failed.';
      await tx.update(payments).set({ status: 'failed', failureReason: reason, updatedAt: new Date() }).where(eq(payments.id, payment.id));
      await tx.insert(orderEvents).values({ orderId: order.id, fromStatus: order.status, toStatus: order.status, note: `Payment failed: ${reason}` });
      return { ...base, result: 'payment_failed' };
    }

    if (payment.status === 'succeeded' || payment.status === 'refunded') return { ...base, result: 'ignored' };
    if (event.data.amountCents !== payment.amountCents || event.data.currency !== payment.currency) {
      throw new ValidationError('The event amount does not match the payment.');
    }
    await tx.update(payments).set({ status: 'succeeded', failureReason: null, updatedAt: new Date() }).where(eq(payments.id, payment.id));
    if (order.status !== 'pending_payment') {
      // Money arrived for an order that expired or was cancelled meanwhile: give it back.
      await refundCaptured(tx, order.id, 'Payment arrived after the order was closed');
      await tx.insert(orderEvents).values({ orderId: order.id, fromStatus: order.status, toStatus: order.status, note: 'Late payment refunded' });
      log.warn({ orderId: order.id, status: order.status }, 'late payment refunded');
      return { ...base, result: 'refunded_late_payment' };
    }
    await markOrderPaid(tx, order, { note: `Paid by ${payment.method}` });
    return { ...base, result: 'paid' };
  });
}
