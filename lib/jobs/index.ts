import 'server-only';

export { enqueue, enqueueMany, type NewJob } from './queue';
export {
  claimJobs,
  completeJob,
  failJob,
  runDueJobs,
  drainJobs,
  backoffMs,
  DEFAULT_LEASE_MS,
  type RunOptions,
} from './worker';
export { handlers, type Handlers, type JobContext } from './handlers';
export { startWorker, stopWorker } from './runner';
export type { JobPayloads, JobType, JobRow } from './types';
