import 'server-only';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { sql } from 'drizzle-orm';
import { getDb, rowsOf } from '@/db/client';
import { log } from '@/lib/log';
import { registeredJobHandlers, type Handlers } from './registry';
import type { JobRow } from './types';

/** A job not completed within its lease counts as abandoned (crashed worker) and is handed out again. */
export const DEFAULT_LEASE_MS = 60_000;
const BACKOFF_BASE_MS = 5_000;
const BACKOFF_MAX_MS = 60 * 60_000;

export function backoffMs(attempt: number, random = Math.random()): number {
  const exp = Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1), BACKOFF_MAX_MS);
  // ±20 % so jobs that failed together do not retry together.
  return Math.round(exp * (0.8 + random * 0.4));
}

export const defaultWorkerId = () => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/** Leases up to `limit` due jobs; workers on other instances skip the rows this one holds. */
export async function claimJobs(
  workerId: string,
  limit: number,
  leaseMs = DEFAULT_LEASE_MS,
): Promise<JobRow[]> {
  const db = await getDb();
  const rows = rowsOf<{
    id: string | number;
    type: string;
    payload: unknown;
    attempts: number;
    max_attempts: number;
  }>(
    await db.execute(sql`
      update jobs set status = 'running', attempts = attempts + 1, locked_by = ${workerId},
        locked_until = now() + make_interval(secs => ${leaseMs / 1000})
      where id in (
        select id from jobs
        where (status = 'pending' and run_at <= now())
           or (status = 'running' and locked_until < now())
        order by run_at, id
        limit ${limit}
        for update skip locked
      )
      returning id, type, payload, attempts, max_attempts
    `),
  );
  return rows.map((r) => ({
    id: Number(r.id),
    type: r.type,
    payload: r.payload,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
  }));
}

/** Only the current lease holder may finish a job: a worker that outlived its lease changes nothing. */
export async function completeJob(job: JobRow, workerId: string): Promise<boolean> {
  const db = await getDb();
  const rows = rowsOf(
    await db.execute(sql`
      update jobs set status = 'done', completed_at = now(), locked_until = null, last_error = null
      where id = ${job.id} and locked_by = ${workerId} and status = 'running'
      returning id
    `),
  );
  return rows.length > 0;
}

export async function failJob(
  job: JobRow,
  workerId: string,
  err: unknown,
): Promise<'retry' | 'dead'> {
  const db = await getDb();
  const message = (err instanceof Error ? err.message : String(err)).slice(0, 2000);
  const dead = job.attempts >= job.maxAttempts;
  const delay = backoffMs(job.attempts);
  await db.execute(sql`
    update jobs set
      status = ${dead ? 'dead' : 'pending'}::job_status,
      run_at = case when ${dead} then run_at else now() + make_interval(secs => ${delay / 1000}) end,
      locked_until = null, locked_by = null, last_error = ${message}
    where id = ${job.id} and locked_by = ${workerId} and status = 'running'
  `);
  return dead ? 'dead' : 'retry';
}

async function runOne(job: JobRow, workerId: string, registry: Handlers): Promise<void> {
  const handler = registry[job.type as keyof Handlers];
  try {
    if (!handler) throw new Error(`no handler for job type ${job.type}`);
    if (job.attempts > job.maxAttempts) throw new Error('lease expired on every attempt');
    await handler(job.payload as never, { jobId: job.id, attempt: job.attempts });
    await completeJob(job, workerId);
  } catch (err) {
    const outcome = await failJob(job, workerId, err);
    (outcome === 'dead' ? log.error : log.warn).call(
      log,
      { err, jobId: job.id, type: job.type, attempt: job.attempts },
      `job ${outcome === 'dead' ? 'dead' : 'will retry'}`,
    );
  }
}

export type RunOptions = {
  workerId?: string;
  limit?: number;
  leaseMs?: number;
  registry?: Handlers;
};

/** Claims one batch and runs it; returns how many jobs were claimed. */
export async function runDueJobs(options: RunOptions = {}): Promise<number> {
  const registry = options.registry ?? registeredJobHandlers();
  const workerId = options.workerId ?? defaultWorkerId();
  const batch = await claimJobs(workerId, options.limit ?? 10, options.leaseMs);
  for (const job of batch) await runOne(job, workerId, registry);
  return batch.length;
}

/** Runs due jobs until none is left (jobs scheduled later stay queued): for tests and scripts. */
export async function drainJobs(
  options: RunOptions & { maxBatches?: number } = {},
): Promise<number> {
  const workerId = options.workerId ?? defaultWorkerId();
  let total = 0;
  for (let i = 0; i < (options.maxBatches ?? 100); i++) {
    const n = await runDueJobs({ ...options, workerId });
    total += n;
    if (n === 0) break;
  }
  return total;
}
