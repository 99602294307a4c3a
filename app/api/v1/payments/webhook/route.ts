import { json, route } from '@/lib/api/handler';
import { handlePaymentWebhook, SIGNATURE_HEADER } from '@/lib/payments';

/**
 * The payment provider's callback. Server to server, so no session or same-origin check: the
 * HMAC signature over the raw body is the authentication. 400 for a bad or stale signature.
 * `?provider=<name>` names the provider calling (the simulated one when absent); 404 if unknown.
 */
export const POST = route({ auth: 'none', sameOrigin: false }, async ({ req }) => {
  const body = await req.text();
  const provider = new URL(req.url).searchParams.get('provider') ?? undefined;
  const outcome = await handlePaymentWebhook(body, req.headers.get(SIGNATURE_HEADER), provider);
  return json({ received: true, duplicate: outcome.duplicate });
});
