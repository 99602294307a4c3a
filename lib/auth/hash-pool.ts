import 'server-only';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import Piscina from 'piscina';
import { env } from '@/lib/config/env';
import { UnavailableError } from '@/lib/errors';
import { log } from '@/lib/log';

/**
 * bcrypt is ~80 ms of pure CPU at cost 10; on the main thread a handful of logins would stall every
 * other request. The work runs in a piscina pool, and admission is decided here, at once: a new
 * check is refused with 503 when it would wait longer than HASH_MAX_WAIT_MS behind the checks
 * already admitted (judged from how long recent checks took), or when HASH_QUEUE_LIMIT checks
 * already wait. An overloaded shop thus answers the excess in milliseconds and serves what it
 * admits within the wait it promised, instead of letting every login queue for seconds.
 */
type PoolState = { pool: Piscina; threads: number; inFlight: number; hashMs: number };

const globals = globalThis as unknown as { __arcadeHashPool?: PoolState };

/** A first guess of one check's time until the pool has measured its own (cost 10 on one core). */
const INITIAL_HASH_MS = 80;

function state(): PoolState {
  if (!globals.__arcadeHashPool) {
    const { HASH_POOL_THREADS } = env();
    const threads = HASH_POOL_THREADS || Math.max(1, availableParallelism());
    const pool = new Piscina({
      // Resolved from the working directory, not bundled: the build traces ./workers/** instead.
      filename: path.join(/* turbopackIgnore: true */ process.cwd(), 'workers/hash.mjs'),
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: 60_000,
    });
    globals.__arcadeHashPool = { pool, threads, inFlight: 0, hashMs: INITIAL_HASH_MS };
  }
  return globals.__arcadeHashPool;
}

/** Whether one more check may start or queue now. */
function hasRoom(s: PoolState): boolean {
  const { HASH_QUEUE_LIMIT, HASH_MAX_WAIT_MS } = env();
  const waiting = Math.max(0, s.inFlight + 1 - s.threads);
  if (HASH_QUEUE_LIMIT !== undefined && waiting > HASH_QUEUE_LIMIT) return false;
  // Checks ahead of this one finish `threads` at a time.
  return Math.ceil(waiting / s.threads) * s.hashMs <= HASH_MAX_WAIT_MS;
}

class HashPoolBusyError extends UnavailableError {
  constructor() {
    super('We are handling a lot of sign-ins right now. Try again in a moment.', 1);
  }
}

/** Throws at once when a new hash would wait too long; call before spending other work on a request. */
export function assertHashCapacity(): void {
  if (!hasRoom(state())) throw new HashPoolBusyError();
}

async function run<T>(name: 'hash' | 'compare', task: object): Promise<T> {
  const s = state();
  if (!hasRoom(s)) throw new HashPoolBusyError();
  s.inFlight++;
  try {
    const { value, ms } = (await s.pool.run(task, { name })) as { value: T; ms: number };
    // A moving average: follows a change of cost or of machine load within a few checks.
    s.hashMs = s.hashMs * 0.8 + ms * 0.2;
    return value;
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

export function hashPoolStats(): { inFlight: number; threads: number; hashMs: number } {
  const s = state();
  return { inFlight: s.inFlight, threads: s.pool.threads.length, hashMs: Math.round(s.hashMs) };
}

/** Closes the pool so the next use builds one from the current environment (tests, shutdown). */
export async function closeHashPool(): Promise<void> {
  const s = globals.__arcadeHashPool;
  globals.__arcadeHashPool = undefined;
  if (s) await s.pool.destroy();
}
