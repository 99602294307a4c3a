import 'server-only';
import type { JobPayloads, JobType } from './types';

export type JobContext = { jobId: number; attempt: number };
export type JobHandler<T extends JobType> = (
  payload: JobPayloads[T],
  ctx: JobContext,
) => Promise<void>;
/** One handler for every job type: a composition point typed with it cannot forget one. */
export type JobHandlers = { [T in JobType]: JobHandler<T> };
/** The same map under its first name (tests and the worker options use it). */
export type Handlers = JobHandlers;
/**
 * What one domain contributes. Domains declare theirs with `satisfies DomainJobHandlers`, so a
 * typo'd job type or a wrong payload fails to compile.
 */
export type DomainJobHandlers = Partial<JobHandlers>;

/*
 * lib/jobs knows the queue, not the domains: each domain exports its handlers (lib/<domain>/jobs.ts)
 * and lib/server/jobs.ts registers them all, so no domain cycle runs through the worker.
 */
const slot = globalThis as typeof globalThis & { __arcadeJobHandlers?: JobHandlers };

export function registerJobHandlers(handlers: JobHandlers): void {
  slot.__arcadeJobHandlers = handlers;
}

export function registeredJobHandlers(): JobHandlers {
  const handlers = slot.__arcadeJobHandlers;
  if (!handlers)
    throw new Error(
      'no job handlers registered: call registerAllJobHandlers() from lib/server/jobs',
    );
  return handlers;
}
