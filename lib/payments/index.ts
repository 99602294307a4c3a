import 'server-only';

export type {
  PaymentEvent,
  PaymentEventType,
  PaymentIntent,
  PaymentIntentInput,
  PaymentProvider,
  RefundInput,
} from './provider';
export {
  simulatedProvider,
  SIMULATED_PROVIDER,
  TEST_CARDS,
  decideAttempt,
  paymentEvent,
  type PaymentAttempt,
} from './simulated';
export { cashProvider, CASH_PROVIDER } from './cash';
export { providerNamed, registerProvider, isProviderName, DEFAULT_PROVIDER } from './registry';
export { openIntent, openIntentSoon } from './intents';
export { sendRefund } from './refunds';
export {
  signPayload,
  verifySignature,
  webhookSecret,
  SIGNATURE_HEADER,
  SIGNATURE_TOLERANCE_SECONDS,
} from './signature';
export { handlePaymentWebhook, type WebhookOutcome } from './webhook';
export {
  confirmHostedPayment,
  deliverOverHttp,
  deliverWithFallback,
  getHostedPayment,
  openHostedPayment,
  payHostedPayment,
  signedEvent,
  type Deliver,
  type HostedPayment,
  type PaymentOutcome,
} from './hosted';
