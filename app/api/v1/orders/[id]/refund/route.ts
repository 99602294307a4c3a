import { json, route } from '@/lib/api/handler';
import { PRIVATE_NO_STORE, requireUser } from '@/lib/auth';
import { ValidationError } from '@/lib/errors';
import { fieldErrorsOf } from '@/lib/errors/zod';
import { assertSameOrigin } from '@/lib/http/same-origin';
import { refundRequestSchema, requestRefund } from '@/lib/orders';

/** Asks for a refund of a paid or fulfilled order; staff approve it. An empty body is fine. */
export const POST = route<{ id: string }>(async ({ req, params }) => {
  assertSameOrigin(req);
  const user = await requireUser(req);
  const text = await req.text();
  let raw: unknown = {};
  try {
    raw = text ? JSON.parse(text) : {};
  } catch {
    throw new ValidationError('The request body is not valid JSON.');
  }
  const input = refundRequestSchema.safeParse(raw);
  if (!input.success) throw new ValidationError('Some fields are invalid.', fieldErrorsOf(input.error));
  return json(await requestRefund(user.id, params.id, input.data.reason), { headers: PRIVATE_NO_STORE });
});
