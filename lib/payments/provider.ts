/**
 * What the shop needs from a payment provider. The simulated provider implements it today; a real
 * one (Stripe, Adyen…) would call out over HTTPS and keep the same shapes.
 *
 * The shop never calls a provider inside a database transaction (a transaction may roll back, or
 * run twice after a deadlock): intents are opened and refunds sent after the commit, each with an
 * idempotency key of ours, so a call that is repeated (a retried job) changes nothing at the
 * provider.
 */
export type PaymentIntentInput = {
  /** Our reference for the intent, chosen before the provider hears of it (see `newIntentId`). */
  intentId: string;
  /** Our payment row's id: the same key never opens a second intent. */
  idempotencyKey: string;
  orderId: string;
  amountCents: number;
  currency: string;
  method: 'card' | 'wallet';
};

export type PaymentIntent = {
  intentId: string;
  /** Where the shopper goes to pay (the provider's hosted page). */
  redirectUrl: string;
};

export type RefundInput = {
  intentId: string;
  amountCents: number;
  reason: string;
  /** Our refund row's id: the same key never refunds twice. */
  idempotencyKey: string;
};

export interface PaymentProvider {
  readonly name: string;
  /** A fresh reference for an intent: what the order's payment row, hosted page and webhook name it by. */
  newIntentId(): string;
  createIntent(input: PaymentIntentInput): Promise<PaymentIntent>;
  refund(input: RefundInput): Promise<{ refundId: string }>;
}

/** The events the provider posts to POST /api/v1/payments/webhook. */
export type PaymentEventType = 'payment_intent.succeeded' | 'payment_intent.payment_failed';

export type PaymentEvent = {
  id: string;
  type: PaymentEventType;
  /** Unix seconds. */
  created: number;
  data: { intentId: string; amountCents: number; currency: string; failureReason?: string };
};
