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
export {
  registerJobHandlers,
  registeredJobHandlers,
  type DomainJobHandlers,
  type Handlers,
  type JobContext,
  type JobHandler,
  type JobHandlers,
} from './registry';
export { startWorker, stopWorker } from './runner';
export type { JobPayloads, JobType, JobRow } from './types';
