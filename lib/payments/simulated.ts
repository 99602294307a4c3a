import 'server-only';
import { randomBytes } from 'node:crypto';
import { ValidationError } from '@/lib/errors';
import type { PaymentEvent, PaymentIntent, PaymentIntentInput, PaymentProvider, RefundInput } from './provider';

export const SIMULATED_PROVIDER = 'simulated';

export const TEST_CARDS = {
  success: '4242424242424242',
  declined: '4000000000000002',
} as const;

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

/**
 * A stand-in for a card/wallet processor: intents are random ids whose state lives in our
 * `payments` table, the hosted page is /pay/{intentId}, refunds always succeed.
 */
export const simulatedProvider: PaymentProvider = {
  name: SIMULATED_PROVIDER,
  async createIntent(_input: PaymentIntentInput): Promise<PaymentIntent> {
    const intentId = id('pi_sim');
    return { intentId, redirectUrl: `/pay/${intentId}` };
  },
  async refund(_input: RefundInput): Promise<{ refundId: string }> {
    return { refundId: id('re_sim') };
  },
};

export type PaymentAttempt = { method: 'card'; cardNumber: string } | { method: 'wallet' };

/** What the simulated processor answers for an attempt: test cards behave as documented on /pay. */
export function decideAttempt(attempt: PaymentAttempt): { ok: true } | { ok: false; reason: string } {
  if (attempt.method === 'wallet') return { ok: true };
  const digits = attempt.cardNumber.replace(/[\s-]/g, '');
  if (digits === TEST_CARDS.success) return { ok: true };
  if (digits === TEST_CARDS.declined) return { ok: false, reason: 'Your card was declined.' };
  throw new ValidationError('Use a test card: 4242 4242 4242 4242 (succeeds) or 4000 0000 0000 0002 (declined).', {
    cardNumber: ['Not a test card.'],
  });
}

export function paymentEvent(
  type: PaymentEvent['type'],
  data: PaymentEvent['data'],
  created = Math.floor(Date.now() / 1000),
): PaymentEvent {
  return { id: id('evt_sim'), type, created, data };
}
