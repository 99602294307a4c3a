import 'server-only';
import { UnavailableError, ValidationError } from '@/lib/errors';
import { withKv } from '@/lib/kv';
import { DAY_BUCKET_TTL_SECONDS, keys, utcDay } from './keys';

/**
 * Adds a paid order line to the top-seller boards (all time and its day's bucket). Throws
 * UnavailableError when Redis is down, so the background job that calls it retries; Postgres
 * keeps the order either way and a rebuild restores the boards.
 */
export async function recordSale(
  productId: string,
  quantity: number,
  at: Date = new Date(),
): Promise<void> {
  if (!Number.isInteger(quantity) || quantity < 1) {
    throw new ValidationError('A sale needs a positive whole quantity.', {
      quantity: ['Must be a whole number above 0.'],
    });
  }
  const dayKey = keys.salesDay(utcDay(at));
  const written = await withKv(
    async (kv) => {
      await kv
        .pipeline()
        .zincrby(keys.topSellers, quantity, productId)
        .zincrby(dayKey, quantity, productId)
        .expire(dayKey, DAY_BUCKET_TTL_SECONDS)
        .exec();
      return true;
    },
    () => false,
  );
  if (!written) throw new UnavailableError('Leaderboards are unavailable; retry the sale later.');
}
