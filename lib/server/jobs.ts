import 'server-only';
import { registerJobHandlers, startWorker, type JobHandlers } from '@/lib/jobs';
import { adminJobHandlers } from '@/lib/admin/jobs';
import { leaderboardJobHandlers } from '@/lib/leaderboards/jobs';
import { libraryJobHandlers } from '@/lib/library/jobs';
import { orderJobHandlers } from '@/lib/orders/jobs';
import { paymentJobHandlers } from '@/lib/payments/jobs';

/**
 * The one place that knows every domain's jobs: lib/jobs runs the queue and imports no domain.
 * Typed as the full map, so a job type without a handler does not compile.
 */
export const jobHandlers: JobHandlers = {
  ...orderJobHandlers,
  ...paymentJobHandlers,
  ...libraryJobHandlers,
  ...leaderboardJobHandlers,
  ...adminJobHandlers,
};

export function registerAllJobHandlers(): void {
  registerJobHandlers(jobHandlers);
}

/** Registers the handlers, then polls the queue (the in-app worker and `npm run worker`). */
export function startJobWorker(options?: Parameters<typeof startWorker>[0]) {
  registerAllJobHandlers();
  return startWorker(options);
}
