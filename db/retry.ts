import { isRetryableTransactionError } from './errors';

export type RetryOptions = {
  /** Tries in all, the first included. */
  attempts?: number;
  /** Pause before the second try; doubled before each next one, with jitter. */
  baseDelayMs?: number;
  /** Told of each failure that will be retried (for logs and tests). */
  onRetry?: (err: unknown, attempt: number) => void;
};

export const TRANSACTION_ATTEMPTS = 3;

/**
 * Runs `work` again when PostgreSQL chose it as a deadlock victim (40P01) or failed it on a
 * serialization conflict (40001): both roll the whole transaction back, and the next try usually
 * passes because the other transaction has committed meanwhile. Any other error, or the last
 * try's, goes to the caller. `work` must be a whole transaction (nothing half-applied to undo)
 * and must not repeat side effects outside it: take those before or after `withRetry`.
 */
export async function withRetry<T>(work: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = Math.max(1, options.attempts ?? TRANSACTION_ATTEMPTS);
  const baseDelayMs = options.baseDelayMs ?? 15;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= attempts || !isRetryableTransactionError(err)) throw err;
      options.onRetry?.(err, attempt);
      // Jittered: the two transactions that met must not come back in step and meet again.
      const ceiling = baseDelayMs * 2 ** (attempt - 1);
      await new Promise((resolve) => setTimeout(resolve, ceiling / 2 + Math.random() * ceiling));
    }
  }
}
