import 'server-only';
import { env } from '@/lib/config/env';
import { log } from '@/lib/log';
import { CircuitBreaker, type BreakerState } from './breaker';
import { KvCommandError, KvUnavailableError } from './errors';
import { createMemoryKv } from './memory';
import { createRedisKv } from './redis';
import { createUpstashKv } from './upstash';
import type { Kv } from './types';

export type { Kv, KvPipeline, RangeOptions, ScoredMember, SetOptions } from './types';
export type { BreakerState } from './breaker';
export { KvCommandError, KvUnavailableError } from './errors';
export { createMemoryKv, type MemoryKvOptions } from './memory';
export { createRedisKv, type RedisKvOptions } from './redis';
export { createUpstashKv, createUpstashRedis, type UpstashKvOptions } from './upstash';

const DEFAULT_COOLDOWN_MS = 5000;

/** `owned`: built here from the environment, so closed here; a store a test hands in is its own. */
type KvRuntime = { kv: Kv; breaker: CircuitBreaker; owned: boolean };

// On globalThis so that Next's dev reloads reuse one client and one breaker per process.
const slot = globalThis as typeof globalThis & { __arcadeKv?: KvRuntime };

const STORE_NAMES: Record<Kv['kind'], string> = {
  redis: 'kv: using Redis over TCP (REDIS_URL)',
  upstash: 'kv: using Redis over REST (UPSTASH_REDIS_REST_URL)',
  memory: 'kv: using the in-process store (no Redis configured)',
};

/** REDIS_URL first (Docker, bare metal, CI), then Upstash (Vercel), else in-process. */
function configuredKv(): Kv {
  const { REDIS_URL, UPSTASH_REDIS_REST_URL: url, UPSTASH_REDIS_REST_TOKEN: token } = env();
  if (REDIS_URL) return createRedisKv({ url: REDIS_URL });
  if (url && token) return createUpstashKv({ url, token });
  return createMemoryKv();
}

function runtime(): KvRuntime {
  if (!slot.__arcadeKv) {
    const kv = configuredKv();
    slot.__arcadeKv = { kv, breaker: new CircuitBreaker(DEFAULT_COOLDOWN_MS), owned: true };
    log.info({ kv: kv.kind }, STORE_NAMES[kv.kind]);
  }
  return slot.__arcadeKv;
}

/** The process-wide store: Redis (over TCP, or REST via Upstash) if configured, else in-process. */
export function getKv(): Kv {
  return runtime().kv;
}

/**
 * Builds the store when an instance starts, so the log says which store serves before the first
 * request, and a Redis connection is already open by then.
 */
export function startKv(): void {
  runtime();
}

type Closable = { close(): void | Promise<void> };

async function closeStore(kv: Kv | (Kv & Closable)): Promise<void> {
  if ('close' in kv) await kv.close();
}

/**
 * Closes the process-wide store (a Redis connection keeps a process alive); for scripts that
 * end on their own. The next call builds it again.
 */
export async function closeKv(): Promise<void> {
  const current = slot.__arcadeKv;
  slot.__arcadeKv = undefined;
  if (current?.owned) await closeStore(current.kv);
}

/** False while Redis is known to be down (the breaker is open); callers may skip optional work. */
export function kvAvailable(): boolean {
  return runtime().breaker.state !== 'open';
}

function recordFailure(breaker: CircuitBreaker, err: KvUnavailableError): void {
  if (breaker.recordFailure()) {
    log.warn(
      { err: err.message, retryInMs: breaker.cooldownMs },
      'Redis unavailable: serving without cache from Postgres',
    );
  }
}

function recordSuccess(breaker: CircuitBreaker): void {
  if (breaker.recordSuccess()) log.info('Redis available again');
}

/**
 * Runs `fn` against the store, or returns `fallback()` when Redis is down or answers with an
 * error, so the shop keeps working from Postgres. Errors thrown by `fn`'s own code propagate.
 */
export async function withKv<T>(
  fn: (kv: Kv) => Promise<T>,
  fallback: () => T | Promise<T>,
): Promise<T> {
  const { kv, breaker } = runtime();
  if (!breaker.tryAcquire()) return fallback();
  try {
    const value = await fn(kv);
    recordSuccess(breaker);
    return value;
  } catch (err) {
    if (err instanceof KvUnavailableError) {
      recordFailure(breaker, err);
      return fallback();
    }
    if (err instanceof KvCommandError) {
      // Redis answered, so it is up; the command itself is wrong and needs fixing.
      recordSuccess(breaker);
      log.error({ err: err.message }, 'kv command failed');
      return fallback();
    }
    breaker.release();
    throw err;
  }
}

export type KvHealth = {
  kind: Kv['kind'];
  ok: boolean;
  latencyMs: number;
  breaker: BreakerState;
  error?: string;
};

/** For the health endpoint: a real round trip, which also feeds the breaker. */
export async function kvHealth(): Promise<KvHealth> {
  const { kv, breaker } = runtime();
  const started = performance.now();
  let error: string | undefined;
  try {
    if (!(await kv.ping())) error = 'unexpected reply to PING';
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
    if (err instanceof KvUnavailableError) recordFailure(breaker, err);
  }
  if (!error) recordSuccess(breaker);
  const latencyMs = Math.round((performance.now() - started) * 100) / 100;
  return {
    kind: kv.kind,
    ok: !error,
    latencyMs,
    breaker: breaker.state,
    ...(error ? { error } : {}),
  };
}

/**
 * Forgets the current store and breaker; the next call builds them again from the environment,
 * or uses `kv` when given. `cooldownMs` shortens the breaker's pause for tests.
 */
export function resetKvForTests(options: { kv?: Kv; cooldownMs?: number } = {}): void {
  void closeKv();
  if (options.kv || options.cooldownMs !== undefined) {
    const owned = !options.kv;
    const kv = options.kv ?? runtime().kv;
    slot.__arcadeKv = {
      kv,
      breaker: new CircuitBreaker(options.cooldownMs ?? DEFAULT_COOLDOWN_MS),
      owned,
    };
  }
}
