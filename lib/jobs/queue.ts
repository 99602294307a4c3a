import 'server-only';
import { jobs } from '@/db/schema';
import type { DbOrTx } from '@/db/client';
import type { JobPayloads, JobType } from './types';

export type NewJob<T extends JobType> = {
  type: T;
  payload: JobPayloads[T];
  /** A second enqueue with the same key is ignored: the same effect is never scheduled twice. */
  dedupeKey?: string;
  runAt?: Date;
  maxAttempts?: number;
};

/**
 * Adds a job on the caller's connection: inside a transaction it commits or rolls back with
 * the change that caused it (transactional outbox), so no effect is lost or invented.
 */
export async function enqueue<T extends JobType>(db: DbOrTx, job: NewJob<T>): Promise<boolean> {
  return enqueueMany(db, [job]).then((n) => n > 0);
}

export async function enqueueMany(db: DbOrTx, list: NewJob<JobType>[]): Promise<number> {
  if (!list.length) return 0;
  const rows = await db
    .insert(jobs)
    .values(
      list.map((j) => ({
        type: j.type,
        payload: j.payload,
        dedupeKey: j.dedupeKey ?? null,
        runAt: j.runAt ?? new Date(),
        ...(j.maxAttempts ? { maxAttempts: j.maxAttempts } : {}),
      })),
    )
    .onConflictDoNothing()
    .returning({ id: jobs.id });
  return rows.length;
}
