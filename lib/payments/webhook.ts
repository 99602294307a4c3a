import 'server-only';
import { parseJsonText } from '@/lib/api/handler';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { transaction } from '@/db/client';
import { orderEvents, payments, webhookEvents } from '@/db/schema';
import { noteWrite } from '@/lib/db/read-your-writes';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { log } from '@/lib/log';
import { lockOrder, markOrderPaid } from '@/lib/orders/lifecycle';
import { refundCaptured } from '@/lib/orders/refunds';
import { DEFAULT_PROVIDER, isProviderName, providerNamed } from './registry';
import { verifySignature } from './signature';

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

export type WebhookOutcome = {
  eventId: string;
  duplicate: boolean;
  orderId?: string;
  result?: string;
};

/**
 * Applies one signed event of the provider named `providerName` (the one that holds the intent:
 * the lookup is by provider and intent id). The event id is recorded in the same transaction as
 * its effect, so a replay (or a provider retry racing the first delivery) changes nothing.
 */
export async function handlePaymentWebhook(
  rawBody: string,
  signatureHeader: string | null,
  providerName: string = DEFAULT_PROVIDER,
): Promise<WebhookOutcome> {
  if (!isProviderName(providerName)) throw new NotFoundError('Unknown payment provider.');
  const provider = providerNamed(providerName).name;
  verifySignature(rawBody, signatureHeader);
  const parsed = parseJsonText(rawBody, 'The event is not valid JSON.');
  const result = eventSchema.safeParse(parsed);
  if (!result.success) throw new ValidationError('Unknown or malformed event.');
  const event = result.data;

  // Whose order the event moved: their next pages must show it (lib/db/read-your-writes).
  const touched: { payerId?: string } = {};
  // Retried whole on a deadlock: the event id is only recorded by the try that commits.
  const outcome = await transaction(async (tx): Promise<WebhookOutcome> => {
    const fresh = await tx
      .insert(webhookEvents)
      .values({ id: event.id, provider, type: event.type, payload: event })
      .onConflictDoNothing()
      .returning({ id: webhookEvents.id });
    if (!fresh.length) return { eventId: event.id, duplicate: true };

    const intent = and(eq(payments.provider, provider), eq(payments.intentId, event.data.intentId));
    const [found] = await tx.select({ orderId: payments.orderId }).from(payments).where(intent);
    if (!found) throw new NotFoundError('Unknown payment intent.');
    // Order first, then payment: the lock order of db/locks.ts, as cancel and expiry take them.
    const order = await lockOrder(tx, found.orderId);
    touched.payerId = order.userId;
    const [payment] = await tx.select().from(payments).where(intent).for('update');
    if (!payment) throw new NotFoundError('Unknown payment intent.');
    const base = { eventId: event.id, duplicate: false, orderId: order.id };

    if (event.type === 'payment_intent.payment_failed') {
      if (payment.status !== 'requires_action' && payment.status !== 'failed')
        return { ...base, result: 'ignored' };
      const reason = event.data.failureReason ?? 'Payment failed.';
      await tx
        .update(payments)
        .set({ status: 'failed', failureReason: reason, updatedAt: new Date() })
        .where(eq(payments.id, payment.id));
      await tx.insert(orderEvents).values({
        orderId: order.id,
        fromStatus: order.status,
        toStatus: order.status,
        note: `Payment failed: ${reason}`,
      });
      return { ...base, result: 'payment_failed' };
    }

    if (payment.status === 'succeeded' || payment.status === 'refunded')
      return { ...base, result: 'ignored' };
    if (
      event.data.amountCents !== payment.amountCents ||
      event.data.currency !== payment.currency
    ) {
      throw new ValidationError('The event amount does not match the payment.');
    }
    await tx
      .update(payments)
      .set({ status: 'succeeded', failureReason: null, updatedAt: new Date() })
      .where(eq(payments.id, payment.id));
    if (order.status !== 'pending_payment') {
      // Money arrived for an order that expired or was cancelled meanwhile: give it back.
      await refundCaptured(tx, order.id, 'Payment arrived after the order was closed');
      await tx.insert(orderEvents).values({
        orderId: order.id,
        fromStatus: order.status,
        toStatus: order.status,
        note: 'Late payment refunded',
      });
      log.warn({ orderId: order.id, status: order.status }, 'late payment refunded');
      return { ...base, result: 'refunded_late_payment' };
    }
    await markOrderPaid(tx, order, { note: `Paid by ${payment.method}` });
    return { ...base, result: 'paid' };
  });
  // The event comes from the provider, but the write is the payer's: the pay form redirects them to
  // the order page, which must show it paid, and the library, which must hold the game.
  if (!outcome.duplicate && touched.payerId) await noteWrite({ userId: touched.payerId });
  return outcome;
}
