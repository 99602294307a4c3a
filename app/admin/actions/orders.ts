'use server';

import { z } from 'zod';
import { validatedAction } from '@/lib/actions/validated';
import {
  addOrderNote,
  adminCancelSchema,
  cancelAdminOrder,
  decideRefund,
  fulfilAdminOrder,
  orderNoteSchema,
  recordCashPayment,
  refundAdminOrder,
  refundDecisionSchema,
} from '@/lib/admin';
import { formatMoney } from '@/lib/format/money';
import { saved } from './saved';

export const fulfilOrderAction = validatedAction(
  z.object({ id: z.string() }),
  async ({ id }, _formData, { actor }) => {
    await fulfilAdminOrder(actor, id);
    return saved('Marked fulfilled.');
  },
  { auth: 'admin' },
);

export const recordCashPaymentAction = validatedAction(
  z.object({ id: z.string() }),
  async ({ id }, _formData, { actor }) => {
    await recordCashPayment(actor, id);
    return saved('Cash payment recorded: the order is paid and can be fulfilled.');
  },
  { auth: 'admin' },
);

const decisionForm = z.object({ id: z.string() }).extend(refundDecisionSchema.shape);

export const decideRefundAction = validatedAction(
  decisionForm,
  async ({ id, decision, reason }, _formData, { actor }) => {
    await decideRefund(actor, id, { decision, reason });
    return saved(
      decision === 'approve'
        ? 'Refund approved: the money is on its way back and the stock returned.'
        : 'Refund denied.',
    );
  },
  { auth: 'admin' },
);

export const cancelOrderAction = validatedAction(
  z.object({ id: z.string() }).extend(adminCancelSchema.shape),
  async ({ id, reason }, _formData, { actor }) => {
    const { order } = await cancelAdminOrder(actor, id, { reason });
    return saved(
      order.refundedCents > 0
        ? `Order cancelled: ${formatMoney(order.refundedCents, order.currency)} is on its way back to the customer.`
        : 'Order cancelled: its stock is back on sale.',
    );
  },
  { auth: 'admin' },
);

/** Quantities arrive as `qty:<editionId>` fields; lines left at 0 are not refunded. */
const QTY = /^qty:([0-9a-f-]{36})$/;
const refundForm = z.object({
  id: z.string(),
  reason: z.string().trim().max(500, 'Keep the reason under 500 characters.').default(''),
  scope: z.enum(['all', 'lines']).default('lines'),
});

export const refundOrderAction = validatedAction(
  refundForm,
  async ({ id, reason, scope }, formData, { actor }) => {
    const lines: { editionId: string; quantity: number }[] = [];
    for (const [name, value] of formData) {
      const editionId = QTY.exec(name)?.[1];
      const quantity = Number(value);
      if (editionId && Number.isInteger(quantity) && quantity > 0)
        lines.push({ editionId, quantity });
    }
    if (scope === 'lines' && !lines.length) {
      return { ok: false, message: 'Choose how many units of which lines to refund.' };
    }
    const { order, refunded } = await refundAdminOrder(actor, id, {
      lines: scope === 'lines' ? lines : undefined,
      reason,
    });
    const amount = formatMoney(refunded.amountCents, order.currency);
    return saved(
      refunded.complete
        ? `Refunded ${amount}: the order is fully refunded; the provider is being told.`
        : `Refunded ${amount}; the rest of the order stands. The provider is being told.`,
    );
  },
  { auth: 'admin' },
);

export const addNoteAction = validatedAction(
  z.object({ id: z.string() }).extend(orderNoteSchema.shape),
  async ({ id, body }, _formData, { actor }) => {
    await addOrderNote(actor, id, body);
    return saved('Note added.');
  },
  { auth: 'admin' },
);
