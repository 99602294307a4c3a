import 'server-only';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import Piscina from 'piscina';
import { env } from '@/lib/config/env';
import { UnavailableError } from '@/lib/errors';
import { log } from '@/lib/log';

/**
 * bcrypt is ~80 ms of pure CPU at cost 10; on the main thread a handful of logins would stall every
 * other request. The work runs in a piscina pool, and admission is counted here rather than by
 * piscina's queue so "busy" is decided at once and exactly: threads + HASH_QUEUE_LIMIT tasks may
 * be in flight, the next one is refused with 503 instead of waiting behind a growing queue.
 */
type PoolState = { pool: Piscina; capacity: number; inFlight: number };

const globals = globalThis as unknown as { __arcadeHashPool?: PoolState };

function state(): PoolState {
  if (!globals.__arcadeHashPool) {
    const { HASH_POOL_THREADS, HASH_QUEUE_LIMIT } = env();
    const threads = HASH_POOL_THREADS || Math.max(1, availableParallelism());
    const pool = new Piscina({
      // Resolved from the working directory, not bundled: the build traces ./workers/** instead.
      filename: path.join(/* turbopackIgnore: true */ process.cwd(), 'workers/hash.mjs'),
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: 60_000,
    });
    globals.__arcadeHashPool = { pool, capacity: threads + HASH_QUEUE_LIMIT, inFlight: 0 };
  }
  return globals.__arcadeHashPool;
}

class HashPoolBusyError extends UnavailableError {
  constructor() {
    super('We are handling a lot of sign-ins right now. Try again in a moment.', 1);
  }
}

/** Throws at once when a new hash would have to wait; call before spending other work on a request. */
export function assertHashCapacity(): void {
  const s = state();
  if (s.inFlight >= s.capacity) throw new HashPoolBusyError();
}

async function run<T>(name: 'hash' | 'compare', task: object): Promise<T> {
  const s = state();
  if (s.inFlight >= s.capacity) throw new HashPoolBusyError();
  s.inFlight++;
  try {
    return (await s.pool.run(task, { name })) as T;
  } catch (err) {
    log.error({ err }, 'password hashing worker failed');
    throw new UnavailableError('Password checks are unavailable right now. Try again shortly.', 5);
  } finally {
    s.inFlight--;
  }
}

export function hashInPool(password: string, cost: number): Promise<string> {
  return run<string>('hash', { password, cost });
}

export function compareInPool(password: string, hash: string): Promise<boolean> {
  return run<boolean>('compare', { password, hash });
}

export function hashPoolStats(): { inFlight: number; capacity: number; threads: number } {
  const s = state();
  return { inFlight: s.inFlight, capacity: s.capacity, threads: s.pool.threads.length };
}

/** Closes the pool so the next use builds one from the current environment (tests, shutdown). */
export async function closeHashPool(): Promise<void> {
  const s = globals.__arcadeHashPool;
  globals.__arcadeHashPool = undefined;
  if (s) await s.pool.destroy();
}
