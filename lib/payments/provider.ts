/**
 * What the shop needs from a payment provider. The simulated provider implements it today; a real
 * one (Stripe, Adyen…) would call out over HTTPS and keep the same shapes.
 */
export type PaymentIntentInput = {
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

export type RefundInput = { intentId: string; amountCents: number; reason: string };

export interface PaymentProvider {
  readonly name: string;
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
