import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { primaryDb } from '@/db/client';
import { payments } from '@/db/schema';
import { UnavailableError } from '@/lib/errors';
import { log } from '@/lib/log';
import type { PaymentProvider } from './provider';
import { providerNamed } from './registry';

/** Intents still worth opening: the shopper may yet pay them. */
const OPENABLE = new Set(['requires_action', 'failed']);

/**
 * Opens a payment's intent at its provider, after the order committed: right after checkout, again
 * from the `payments.create_intent` job if that call failed, and from the hosted page if the
 * shopper comes before either. The payment row's id is the idempotency key, so a second call
 * (a job racing the checkout's own call) opens nothing new. Returns whether the intent is open.
 */
export async function openIntent(paymentId: string, provider?: PaymentProvider): Promise<boolean> {
  const db = await primaryDb();
  const [payment] = await db.select().from(payments).where(eq(payments.id, paymentId));
  return payment ? open(payment, provider) : false;
}

/**
 * The hosted page's check before taking a payment: the provider must know the intent. Usually it
 * does (one read); if the shopper came before the checkout's call or the job managed, it opens it.
 */
export async function ensureIntentOpen(providerName: string, intentId: string): Promise<void> {
  const db = await primaryDb();
  const [payment] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.provider, providerName), eq(payments.intentId, intentId)));
  if (!payment || payment.openedAt) return;
  try {
    await open(payment);
  } catch (err) {
    log.warn({ err, intentId }, 'could not open the payment intent from the hosted page');
    throw new UnavailableError(
      'The payment service cannot be reached just now. Try again in a moment.',
      5,
    );
  }
}

type PaymentRow = typeof payments.$inferSelect;

async function open(payment: PaymentRow, provider?: PaymentProvider): Promise<boolean> {
  const db = await primaryDb();
  if (payment.openedAt) return true;
  // The order closed (expired, cancelled) before anyone needed the intent: nothing to open.
  if (!OPENABLE.has(payment.status) || payment.method === 'cod') return false;
  const intent = await (provider ?? providerNamed(payment.provider)).createIntent({
    intentId: payment.intentId,
    idempotencyKey: payment.id,
    orderId: payment.orderId,
    amountCents: payment.amountCents,
    currency: payment.currency,
    method: payment.method,
  });
  await db
    .update(payments)
    .set({ openedAt: new Date(), redirectUrl: intent.redirectUrl })
    .where(and(eq(payments.id, payment.id), isNull(payments.openedAt)));
  return true;
}

/**
 * The checkout's own attempt, right after its commit, with the row it just wrote: a provider that
 * is down must not fail an order that is already placed, so a failure is logged and left to the
 * queued job (and the hosted page).
 */
export async function openIntentSoon(
  payment: PaymentRow,
  provider?: PaymentProvider,
): Promise<void> {
  try {
    await open(payment, provider);
  } catch (err) {
    log.warn(
      { err, paymentId: payment.id },
      'could not open the payment intent; the queued job will retry',
    );
  }
}
