'use server';

import { z } from 'zod';
import { validatedAction } from '@/lib/actions/validated';
import {
  addOrderNote,
  decideRefund,
  fulfilAdminOrder,
  orderNoteSchema,
  recordCashPayment,
  refundDecisionSchema,
  requireAdminActor,
} from '@/lib/admin';
import { saved } from './saved';

export const fulfilOrderAction = validatedAction(z.object({ id: z.string() }), async ({ id }) => {
  await fulfilAdminOrder(await requireAdminActor(), id);
  return saved('Marked fulfilled.');
});

export const recordCashPaymentAction = validatedAction(
  z.object({ id: z.string() }),
  async ({ id }) => {
    await recordCashPayment(await requireAdminActor(), id);
    return saved('Cash payment recorded: the order is paid and can be fulfilled.');
  },
);

const decisionForm = z.object({ id: z.string() }).extend(refundDecisionSchema.shape);

export const decideRefundAction = validatedAction(
  decisionForm,
  async ({ id, decision, reason }) => {
    await decideRefund(await requireAdminActor(), id, { decision, reason });
    return saved(
      decision === 'approve'
        ? 'Refund approved: the money is on its way back and the stock returned.'
        : 'Refund denied.',
    );
  },
);

export const addNoteAction = validatedAction(
  z.object({ id: z.string() }).extend(orderNoteSchema.shape),
  async ({ id, body }) => {
    await addOrderNote(await requireAdminActor(), id, body);
    return saved('Note added.');
  },
);
