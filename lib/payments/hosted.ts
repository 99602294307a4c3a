import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { orders, payments } from '@/db/schema';
import { env } from '@/lib/config/env';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { enqueue } from '@/lib/jobs/queue';
import { log } from '@/lib/log';
import type { PaymentEvent } from './provider';
import { signPayload, SIGNATURE_HEADER } from './signature';
import { handlePaymentWebhook } from './webhook';
import { decideAttempt, paymentEvent, SIMULATED_PROVIDER, type PaymentAttempt } from './simulated';

export type HostedPayment = {
  intentId: string;
  orderId: string;
  method: 'card' | 'wallet' | 'cod';
  amountCents: number;
  currency: string;
  status: 'requires_action' | 'succeeded' | 'failed' | 'cancelled' | 'refunded';
  failureReason: string | null;
  payable: boolean;
  expiresAt: string | null;
};

/** What the hosted page shows; the intent id is an unguessable capability, as at real providers. */
export async function getHostedPayment(intentId: string): Promise<HostedPayment> {
  const db = await getDb();
  const [row] = await db
    .select({ payment: payments, orderStatus: orders.status, expiresAt: orders.expiresAt })
    .from(payments)
    .innerJoin(orders, eq(orders.id, payments.orderId))
    .where(eq(payments.intentId, intentId))
    .limit(1);
  if (!row || row.payment.provider !== SIMULATED_PROVIDER) throw new NotFoundError('Payment not found.');
  const { payment } = row;
  const open = payment.status === 'requires_action' || payment.status === 'failed';
  return {
    intentId,
    orderId: payment.orderId,
    method: payment.method,
    amountCents: payment.amountCents,
    currency: payment.currency,
    status: payment.status,
    failureReason: payment.failureReason,
    payable: open && row.orderStatus === 'pending_payment' && (!row.expiresAt || row.expiresAt > new Date()),
    expiresAt: row.expiresAt?.toISOString() ?? null,
  };
}

/** How the provider reaches the shop: an HTTP POST, as a real provider would make. */
export type Deliver = (body: string, signature: string) => Promise<void>;

export const deliverOverHttp: Deliver = async (body, signature) => {
  const res = await fetch(new URL('/api/v1/payments/webhook', env().AUTH_URL), {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`webhook answered ${res.status}`);
};

/**
 * The simulated provider lives inside the shop, so when its HTTP call cannot reach the public URL
 * (AUTH_URL not resolvable from inside a container, say) it hands the same signed event to the
 * webhook handler directly; the event id keeps that idempotent if the HTTP call did land.
 */
export const deliverWithFallback: Deliver = async (body, signature) => {
  try {
    await deliverOverHttp(body, signature);
  } catch (err) {
    log.warn({ err }, 'payment webhook unreachable over HTTP; delivering in process');
    await handlePaymentWebhook(body, signature);
  }
};

export function signedEvent(event: PaymentEvent): { body: string; signature: string } {
  const body = JSON.stringify(event);
  return { body, signature: signPayload(body) };
}

/**
 * The shopper submits the hosted form: the simulated processor decides, then notifies the shop
 * through the signed webhook. If the shop cannot be reached, delivery is retried by a job, as
 * providers retry their webhooks.
 */
export async function confirmHostedPayment(
  intentId: string,
  attempt: PaymentAttempt,
  deliver: Deliver = deliverWithFallback,
): Promise<{ ok: boolean; orderId: string; message: string }> {
  const payment = await getHostedPayment(intentId);
  if (!payment.payable) throw new ConflictError('This payment can no longer be made.');
  if (payment.method !== attempt.method) throw new ConflictError(`This order is paid by ${payment.method}.`);
  const decision = decideAttempt(attempt);
  const data = { intentId, amountCents: payment.amountCents, currency: payment.currency };
  const event = decision.ok
    ? paymentEvent('payment_intent.succeeded', data)
    : paymentEvent('payment_intent.payment_failed', { ...data, failureReason: decision.reason });
  const { body, signature } = signedEvent(event);
  try {
    await deliver(body, signature);
  } catch (err) {
    log.warn({ err, intentId }, 'payment webhook delivery failed; retrying in the background');
    const db = await getDb();
    await enqueue(db, { type: 'payments.deliver_webhook', payload: { body }, dedupeKey: `webhook:${event.id}` });
  }
  return decision.ok
    ? { ok: true, orderId: payment.orderId, message: 'Payment approved.' }
    : { ok: false, orderId: payment.orderId, message: decision.reason };
}
