import 'server-only';

export type { PaymentEvent, PaymentEventType, PaymentIntent, PaymentIntentInput, PaymentProvider, RefundInput } from './provider';
export { simulatedProvider, SIMULATED_PROVIDER, TEST_CARDS, decideAttempt, paymentEvent, type PaymentAttempt } from './simulated';
export { signPayload, verifySignature, webhookSecret, SIGNATURE_HEADER, SIGNATURE_TOLERANCE_SECONDS } from './signature';
export { handlePaymentWebhook, type WebhookOutcome } from './webhook';
export { confirmHostedPayment, deliverOverHttp, deliverWithFallback, getHostedPayment, signedEvent, type Deliver, type HostedPayment } from './hosted';
