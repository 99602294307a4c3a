/** Every job the worker knows, with its payload: a new side effect starts here. */
export type JobPayloads = {
  /** Cancels unpaid orders past their expiry and returns their stock. */
  'orders.expire_sweep': Record<string, never>;
  /** Adds an order's items to the top-sellers board once it is paid. */
  'leaderboards.record_sale': { orderId: string };
  /** Takes a refunded order's items off the top-sellers boards (see lib/leaderboards/refunds.ts). */
  'leaderboards.record_refund': { orderId: string };
  /** Mails the shopper a receipt (paid) or a confirmation (cash on delivery). */
  'mail.order_receipt': { orderId: string };
  /** Tells admins an edition is running out (of units or of keys). */
  'stock.low_alert': { productId: string; editionId?: string; stock: number };
  /** Mails a gift's recipient the link to claim it (a fresh link each time it is sent). */
  'mail.gift': { giftId: string };
  /** Retries a payment provider callback that could not be delivered at once. */
  'payments.deliver_webhook': { body: string };
  /** Opens a placed order's payment intent at its provider, if the checkout's own call failed. */
  'payments.create_intent': { paymentId: string };
  /** Sends a recorded refund to the provider that took the money (see lib/payments/refunds.ts). */
  'payments.send_refund': { refundId: string };
};

export type JobType = keyof JobPayloads;

export type JobRow = {
  id: number;
  type: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
};
