import 'server-only';
import { ConflictError } from '@/lib/errors';
import type { PaymentProvider } from './provider';

/** The provider name of payments staff record by hand (cash on delivery); the hosted page ignores them. */
export const CASH_PROVIDER = 'cash';

/**
 * Cash on delivery as a provider: nothing is collected online, so no intent is ever opened, and a
 * refund is money staff hand back themselves; "sending" it records that it is owed, once.
 */
export const cashProvider: PaymentProvider = {
  name: CASH_PROVIDER,
  newIntentId: () => {
    throw new ConflictError('Cash on delivery has no online payment.');
  },
  async createIntent() {
    throw new ConflictError('Cash on delivery has no online payment.');
  },
  async refund(input) {
    return { refundId: `cash_refund_${input.idempotencyKey}` };
  },
};
