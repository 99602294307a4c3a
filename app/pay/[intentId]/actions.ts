'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { validatedAction, type ActionState } from '@/lib/actions/validated';
import { payHostedPayment } from '@/lib/payments';

const schema = z.discriminatedUnion('method', [
  z.object({
    intentId: z.string().min(1).max(200),
    method: z.literal('card'),
    cardNumber: z.string().trim().min(1, 'Enter the card number.').max(30),
  }),
  z.object({ intentId: z.string().min(1).max(200), method: z.literal('wallet') }),
]);

/**
 * The hosted page's submit: the simulated processor decides, the shop hears it through the
 * webhook. Only the payer may pay; for anyone else the payment does not exist.
 */
export const payAction = validatedAction(
  schema,
  async (input, _formData, { user }): Promise<ActionState> => {
    const attempt =
      input.method === 'card'
        ? { method: 'card' as const, cardNumber: input.cardNumber }
        : { method: 'wallet' as const };
    const outcome = await payHostedPayment(user.id, input.intentId, attempt);
    if (!outcome.ok) return { ok: false, message: outcome.message };
    redirect(`/orders/${outcome.orderId}?payment=success`);
  },
  { auth: 'user' },
);
