import { json, route } from '@/lib/api/handler';
import { handlePaymentWebhook, SIGNATURE_HEADER } from '@/lib/payments';

/**
 * The payment provider's callback. Server to server, so no session or same-origin check: the
 * HMAC signature over the raw body is the authentication. 400 for a bad or stale signature.
 */
export const POST = route(async ({ req }) => {
  const body = await req.text();
  const outcome = await handlePaymentWebhook(body, req.headers.get(SIGNATURE_HEADER));
  return json({ received: true, duplicate: outcome.duplicate });
});
