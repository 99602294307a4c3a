import { json, parseJson, route } from '@/lib/api/handler';
import { adminRefundRequestSchema, decideRefund, refundAdminOrder } from '@/lib/admin';
import { PRIVATE_NO_STORE } from '@/lib/auth';

/**
 * POST, two uses:
 * - `{ decision: "approve" | "deny", reason?, lines? }` settles a shopper's refund request
 *   (approve refunds the units named, or all of them); any second decision is a 409.
 * - `{ lines?: [{ editionId, quantity }], reason? }` is a refund staff decide themselves on a paid
 *   or fulfilled order: the units named (price plus their share of tax), or everything left.
 * The money leaves through the payment provider after the commit; unshipped units return to stock.
 */
export const POST = route<{ id: string }>({ auth: 'admin' }, async ({ req, params, actor }) => {
  const { decision, lines, reason } = await parseJson(req, adminRefundRequestSchema);
  const order = decision
    ? await decideRefund(actor, params.id, { decision, lines, reason })
    : await refundAdminOrder(actor, params.id, { lines, reason });
  return json(order, { headers: PRIVATE_NO_STORE });
});
