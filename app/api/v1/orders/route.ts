import { json, parseJson, parseQuery, route } from '@/lib/api/handler';
import { PRIVATE_NO_STORE } from '@/lib/auth';
import { ValidationError } from '@/lib/errors';
import {
  idempotencyKeySchema,
  listOrders,
  orderListQuerySchema,
  placeOrder,
  placeOrderSchema,
} from '@/lib/orders';

// Per-user data: never prerendered or cached.
export const dynamic = 'force-dynamic';

export const GET = route({ auth: 'user' }, async ({ req, user }) => {
  const { page, pageSize } = parseQuery(req, orderListQuerySchema);
  return json(await listOrders(user.id, page, pageSize), { headers: PRIVATE_NO_STORE });
});

/** Orders the caller's cart. The Idempotency-Key makes a retried submit return the same order. */
export const POST = route({ auth: 'user' }, async ({ req, user }) => {
  const key = idempotencyKeySchema.safeParse(req.headers.get('idempotency-key') ?? undefined);
  if (!key.success) {
    throw new ValidationError(key.error.issues[0]?.message ?? 'Send an Idempotency-Key header.', {
      'Idempotency-Key': key.error.issues.map((i) => i.message),
    });
  }
  const input = await parseJson(req, placeOrderSchema);
  const { replayed, ...placed } = await placeOrder(user.id, input, key.data);
  return json(placed, {
    status: 201,
    headers: {
      ...PRIVATE_NO_STORE,
      location: `/api/v1/orders/${placed.order.id}`,
      ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
    },
  });
});
