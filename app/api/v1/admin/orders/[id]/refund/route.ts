import { json, parseJson, route } from '@/lib/api/handler';
import { decideRefund, refundDecisionSchema, requireAdminActor } from '@/lib/admin';
import { PRIVATE_NO_STORE } from '@/lib/auth';

/**
 * POST `{ decision: "approve" | "deny", reason? }` on an order waiting for a refund. Approval
 * refunds through the payment provider and restocks; any second decision is a 409.
 */
export const POST = route<{ id: string }>(async ({ req, params }) => {
  const actor = await requireAdminActor(req);
  const input = await parseJson(req, refundDecisionSchema);
  return json(await decideRefund(actor, params.id, input), { headers: PRIVATE_NO_STORE });
});
