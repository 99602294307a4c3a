import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb, primaryDb, type Db } from '@/db/client';
import { orders, payments } from '@/db/schema';
import { env } from '@/lib/config/env';
import { readerFor } from '@/lib/db/read-your-writes';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { enqueue } from '@/lib/jobs/queue';
import { log } from '@/lib/log';
import { ensureIntentOpen } from './intents';
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

const PAYMENT_NOT_FOUND = 'Payment not found.';

/**
 * A hosted payment and the shopper whose order it pays. Never from a replica that has not caught
 * up: the page opens right after checkout created the payment, and paying decides on what it reads.
 */
async function loadHostedPayment(
  db: Db,
  intentId: string,
): Promise<{ payment: HostedPayment; payerId: string }> {
  const [row] = await db
    .select({
      payment: payments,
      payerId: orders.userId,
      orderStatus: orders.status,
      expiresAt: orders.expiresAt,
    })
    .from(payments)
    .innerJoin(orders, eq(orders.id, payments.orderId))
    .where(eq(payments.intentId, intentId))
    .limit(1);
  if (!row || row.payment.provider !== SIMULATED_PROVIDER)
    throw new NotFoundError(PAYMENT_NOT_FOUND);
  const { payment } = row;
  const open = payment.status === 'requires_action' || payment.status === 'failed';
  return {
    payerId: row.payerId,
    payment: {
      intentId,
      orderId: payment.orderId,
      method: payment.method,
      amountCents: payment.amountCents,
      currency: payment.currency,
      status: payment.status,
      failureReason: payment.failureReason,
      payable:
        open &&
        row.orderStatus === 'pending_payment' &&
        (!row.expiresAt || row.expiresAt > new Date()),
      expiresAt: row.expiresAt?.toISOString() ?? null,
    },
  };
}

/**
 * The payment as the simulated provider itself knows it, with no shopper in view (tests drive the
 * provider through this). The shop's pages use `openHostedPayment`, which checks the payer.
 */
export async function getHostedPayment(intentId: string): Promise<HostedPayment> {
  return (await loadHostedPayment(await primaryDb(), intentId)).payment;
}

/**
 * The hosted page as a signed-in shopper opens it. Only the shopper whose order it pays may see
 * or pay it: for anyone else it does not exist, with the same NotFoundError (and the same single
 * query) as an id that was never issued, so a leaked or guessed link says nothing about what is
 * behind it.
 */
export async function openHostedPayment(payerId: string, intentId: string): Promise<HostedPayment> {
  // As of the payer's own last write: the checkout that created this payment a moment ago.
  return payersPayment(await readerFor({ userId: payerId }), payerId, intentId);
}

async function payersPayment(db: Db, payerId: string, intentId: string): Promise<HostedPayment> {
  const { payment, payerId: owner } = await loadHostedPayment(db, intentId);
  if (owner !== payerId) throw new NotFoundError(PAYMENT_NOT_FOUND);
  return payment;
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
): Promise<PaymentOutcome> {
  return confirm(await getHostedPayment(intentId), attempt, deliver);
}

/** The hosted form submitted by a signed-in shopper: only the payer may pay (see openHostedPayment). */
export async function payHostedPayment(
  payerId: string,
  intentId: string,
  attempt: PaymentAttempt,
  deliver: Deliver = deliverWithFallback,
): Promise<PaymentOutcome> {
  // Paying decides on what it reads: the primary's state, whatever the replica has replayed.
  return confirm(await payersPayment(await primaryDb(), payerId, intentId), attempt, deliver);
}

export type PaymentOutcome = { ok: boolean; orderId: string; message: string };

async function confirm(
  payment: HostedPayment,
  attempt: PaymentAttempt,
  deliver: Deliver,
): Promise<PaymentOutcome> {
  const { intentId } = payment;
  if (!payment.payable) throw new ConflictError('This payment can no longer be made.');
  if (payment.method !== attempt.method)
    throw new ConflictError(`This order is paid by ${payment.method}.`);
  const decision = decideAttempt(attempt);
  // The intent is opened after checkout commits; a shopper quicker than that call (or its retry
  // job) has it opened here, under the same idempotency key.
  await ensureIntentOpen(SIMULATED_PROVIDER, intentId);
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
    await enqueue(db, {
      type: 'payments.deliver_webhook',
      payload: { body },
      dedupeKey: `webhook:${event.id}`,
    });
  }
  return decision.ok
    ? { ok: true, orderId: payment.orderId, message: 'Payment approved.' }
    : { ok: false, orderId: payment.orderId, message: decision.reason };
}
