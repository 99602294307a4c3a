import 'server-only';
import { z } from 'zod';
import { transaction } from '@/db/client';
import { NotFoundError } from '@/lib/errors';
import { cancelByStaff, lockOrder, refundPaidOrder } from '@/lib/orders/lifecycle';
import { stockMoved } from '@/lib/stock';
import type { AdminActor } from './actor';
import { recordAudit } from './audit';
import { getAdminOrder, type AdminOrder } from './orders';
import { refundLinesSchema } from './refund-views';
import { isUuid } from '@/db/ids';

const reason = z.string().trim().max(500, 'Keep the reason under 500 characters.').default('');

/** POST /api/v1/admin/orders/{id}/cancel: `{ reason? }`. */
export const adminCancelSchema = z.strictObject({ reason });

/** A refund staff decide themselves: the units named (`lines`), or everything not refunded yet. */
export const adminRefundSchema = z.strictObject({ lines: refundLinesSchema.optional(), reason });
export type AdminRefund = z.output<typeof adminRefundSchema>;

/**
 * The body of POST /api/v1/admin/orders/{id}/refund: with `decision` it settles the shopper's
 * request (approve may name `lines`), without it it is a refund staff decide themselves.
 */
export const adminRefundRequestSchema = z.strictObject({
  decision: z.enum(['approve', 'deny'], 'Choose approve or deny.').optional(),
  lines: refundLinesSchema.optional(),
  reason,
});

const notFound = () => new NotFoundError('Order not found.');

/**
 * Staff cancel an order: an unpaid one (or a cash-on-delivery parcel that came back unpaid) returns
 * its stock; a paid one not shipped yet is refunded in full, the provider hearing of it after the
 * commit. A fulfilled, paid order is refunded instead (409 here).
 */
export async function cancelAdminOrder(
  actor: AdminActor,
  id: string,
  input: { reason: string },
): Promise<AdminOrder> {
  if (!isUuid(id)) throw notFound();
  const moves = await transaction(async (tx) => {
    const order = await lockOrder(tx, id);
    const from = order.status;
    const wasPaid = order.paidAt !== null;
    const moves = await cancelByStaff(tx, order, actor.id, input.reason);
    await recordAudit(tx, actor, {
      action: 'order.cancel',
      entity: 'order',
      entityId: id,
      before: { status: from },
      after: { status: order.status, refunded: wasPaid, restocked: moves, reason: input.reason },
    });
    return moves;
  });
  await stockMoved('released', moves);
  return getAdminOrder(id);
}

/**
 * Staff refund some units of a paid order, or all that is left, without a request from the
 * shopper (or settling one): the amount is the units' price plus their share of the tax, the
 * digital ones leave the library (keys nobody saw go back on sale), unshipped boxes return to stock.
 * Refunding the last units makes the order refunded; otherwise it stays paid or fulfilled.
 */
export async function refundAdminOrder(
  actor: AdminActor,
  id: string,
  input: AdminRefund,
): Promise<AdminOrder & { refunded: { amountCents: number; complete: boolean } }> {
  if (!isUuid(id)) throw notFound();
  const { moves, refunded } = await transaction(async (tx) => {
    const order = await lockOrder(tx, id);
    const from = order.status;
    const note = input.reason ? `Refunded by staff: ${input.reason}` : 'Refunded by staff';
    const outcome = await refundPaidOrder(tx, order, {
      lines: input.lines,
      reason: note,
      actorId: actor.id,
      by: 'staff',
      note,
    });
    await recordAudit(tx, actor, {
      action: outcome.complete ? 'order.refund' : 'order.refund_partial',
      entity: 'order',
      entityId: id,
      before: { status: from },
      after: {
        status: outcome.to,
        refundedCents: outcome.amountCents,
        lines: outcome.lines,
        restocked: outcome.moves,
        reason: input.reason,
      },
    });
    return {
      moves: outcome.moves,
      refunded: { amountCents: outcome.amountCents, complete: outcome.complete },
    };
  });
  await stockMoved('released', moves);
  return { ...(await getAdminOrder(id)), refunded };
}
