import { json, parseOptionalJson, route } from '@/lib/api/handler';
import { PRIVATE_NO_STORE } from '@/lib/auth';
import { refundRequestSchema, requestRefund } from '@/lib/orders';

/** Asks for a refund of a paid or fulfilled order; staff approve it. An empty body is fine. */
export const POST = route<{ id: string }>({ auth: 'user' }, async ({ req, params, user }) => {
  const input = await parseOptionalJson(req, refundRequestSchema);
  return json(await requestRefund(user.id, params.id, input.reason), { headers: PRIVATE_NO_STORE });
});
