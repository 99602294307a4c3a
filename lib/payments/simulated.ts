import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { ValidationError } from '@/lib/errors';
import type {
  PaymentEvent,
  PaymentIntent,
  PaymentIntentInput,
  PaymentProvider,
  RefundInput,
} from './provider';

export const SIMULATED_PROVIDER = 'simulated';

export const TEST_CARDS = {
  success: '4242424242424242',
  declined: '4000000000000002',
} as const;

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

/**
 * A stand-in for a card/wallet processor: intents carry the reference the shop chose, their state
 * lives in our `payments` table, the hosted page is /pay/{intentId}, refunds always succeed. Both
 * calls are idempotent, as a real provider's are under an idempotency key: the same refund key
 * always answers the same refund id.
 */
export const simulatedProvider: PaymentProvider = {
  name: SIMULATED_PROVIDER,
  newIntentId: () => id('pi_sim'),
  async createIntent(input: PaymentIntentInput): Promise<PaymentIntent> {
    return { intentId: input.intentId, redirectUrl: `/pay/${input.intentId}` };
  },
  async refund(input: RefundInput): Promise<{ refundId: string }> {
    return {
      refundId: `re_sim_${createHash('sha256').update(input.idempotencyKey).digest('hex').slice(0, 24)}`,
    };
  },
};

export type PaymentAttempt = { method: 'card'; cardNumber: string } | { method: 'wallet' };

/** What the simulated processor answers for an attempt: test cards behave as documented on /pay. */
export function decideAttempt(
  attempt: PaymentAttempt,
): { ok: true } | { ok: false; reason: string } {
  if (attempt.method === 'wallet') return { ok: true };
  const digits = attempt.cardNumber.replace(/[\s-]/g, '');
  if (digits === TEST_CARDS.success) return { ok: true };
  if (digits === TEST_CARDS.declined) return { ok: false, reason: 'Your card was declined.' };
  throw new ValidationError(
    'Use a test card: 4242 4242 4242 4242 (succeeds) or 4000 0000 0000 0002 (declined).',
    {
      cardNumber: ['Not a test card.'],
    },
  );
}

export function paymentEvent(
  type: PaymentEvent['type'],
  data: PaymentEvent['data'],
  created = Math.floor(Date.now() / 1000),
): PaymentEvent {
  return { id: id('evt_sim'), type, created, data };
}
