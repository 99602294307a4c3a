import 'server-only';
import type { DomainJobHandlers } from '@/lib/jobs';
import { deliverWithFallback } from './hosted';
import { openIntent } from './intents';
import { sendRefund } from './refunds';
import { signPayload } from './signature';

/** The provider calls made outside the checkout's transaction; registered by lib/server/jobs.ts. */
export const paymentJobHandlers = {
  // Signed afresh on each attempt: the stored body may be older than the signature tolerance.
  'payments.deliver_webhook': async ({ body }) => deliverWithFallback(body, signPayload(body)),
  'payments.create_intent': async ({ paymentId }) => {
    await openIntent(paymentId);
  },
  'payments.send_refund': async ({ refundId }) => {
    await sendRefund(refundId);
  },
} satisfies DomainJobHandlers;
